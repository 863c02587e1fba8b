package io.tollgate.gateway.admission.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdmissionControlTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:05Z");

    /** Background work queued, run when the test says (so it can tell request-path leases from prefetches). */
    static final class Background implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            queued.add(command);
        }

        void runAll() {
            Runnable r;
            while ((r = queued.poll()) != null) {
                r.run();
            }
        }
    }

    private final io.tollgate.gateway.testing.MovableClock clock = new io.tollgate.gateway.testing.MovableClock(T0);
    private final LocalLeases shared = new LocalLeases();
    private final Background background = new Background();

    private AdmissionControl replica() {
        return new AdmissionControl(shared, clock, background, 0.1);
    }

    private static Demand rpm(long limit) {
        return new Demand("p/rpm", Window.MINUTE, limit, 1, Demand.Kind.REQUESTS);
    }

    private static boolean tryAdmit(AdmissionControl c, Demand... demands) {
        try {
            c.admit(List.of(demands), true);
            return true;
        } catch (AdmissionControl.Refused e) {
            return false;
        }
    }

    @Test
    void oneReplicaAdmitsExactlyTheLimitPerWindow() {
        AdmissionControl c = replica();
        int admitted = 0;
        for (int i = 0; i < 1000; i++) {
            admitted += tryAdmit(c, rpm(600)) ? 1 : 0;
            background.runAll();
        }
        assertEquals(600, admitted);
        clock.advance(Duration.ofSeconds(60));
        assertTrue(tryAdmit(c, rpm(600)), "a new minute opens a new window");
    }

    @Test
    void twoReplicasTogetherAdmitTheLimitHoweverTheLoadIsSpread() {
        for (double share : new double[]{0.5, 0.9, 0.99}) {
            LocalLeases counters = new LocalLeases();
            AdmissionControl a = new AdmissionControl(counters, clock, background, 0.1);
            AdmissionControl b = new AdmissionControl(counters, clock, background, 0.1);
            Random random = new Random(42);
            Demand limit = new Demand("spread/" + share, Window.MINUTE, 1000, 1, Demand.Kind.REQUESTS);
            int admitted = 0;
            for (int i = 0; i < 3000; i++) {
                admitted += tryAdmit(random.nextDouble() < share ? a : b, limit) ? 1 : 0;
                if (random.nextInt(4) == 0) {
                    background.runAll(); // prefetches land late, interleaved with requests
                }
            }
            assertTrue(admitted >= 980 && admitted <= 1000, "share " + share + ": admitted " + admitted);
        }
    }

    @Test
    void atSteadyStateNoRequestWaitsForTheSharedCounters() {
        AdmissionControl c = replica();
        Demand limit = rpm(100_000);
        tryAdmit(c, limit); // the first request of a window takes the first lease itself
        background.runAll();
        int before = shared.leaseCalls.get();
        int onRequestPath = 0;
        for (int i = 0; i < 5000; i++) {
            int calls = shared.leaseCalls.get();
            assertTrue(tryAdmit(c, limit));
            onRequestPath += shared.leaseCalls.get() - calls;
            background.runAll();
        }
        assertEquals(0, onRequestPath, "leases taken while a request waited");
        assertTrue(shared.leaseCalls.get() - before <= 5000 / AdmissionControl.chunk(100_000) + 1,
                "one lease per chunk, not per request: " + (shared.leaseCalls.get() - before));
    }

    @Test
    void tokensUnusedAreRefundedAndOveruseIsCharged() {
        AdmissionControl c = replica();
        Demand tpm = new Demand("p/tpm", Window.MINUTE, 1000, 600, Demand.Kind.TOKENS);
        Reservation r = c.admit(List.of(tpm), true);
        assertFalse(tryAdmit(c, tpm), "600 + 600 is over 1000");
        r.settle(true, 100, 0);
        Demand big = new Demand("p/tpm", Window.MINUTE, 1000, 900, Demand.Kind.TOKENS);
        Reservation second = c.admit(List.of(big), true);
        second.settle(true, 950, 0); // used 50 more than it reserved
        assertFalse(tryAdmit(c, new Demand("p/tpm", Window.MINUTE, 1000, 1, Demand.Kind.TOKENS)),
                "100 + 950 used: nothing left");
        second.settle(true, 0, 0); // settling twice changes nothing
        assertFalse(tryAdmit(c, new Demand("p/tpm", Window.MINUTE, 1000, 1, Demand.Kind.TOKENS)));
    }

    @Test
    void aRequestNoBackendAnsweredIsRefundedWhole() {
        AdmissionControl c = replica();
        Reservation r = c.admit(List.of(rpm(1)), true);
        assertFalse(tryAdmit(c, rpm(1)));
        r.settle(false, 0, 0);
        assertTrue(tryAdmit(c, rpm(1)));
    }

    @Test
    void allOrNothingAcrossLimits() {
        AdmissionControl c = replica();
        Demand roomy = new Demand("p/rpm", Window.MINUTE, 10, 1, Demand.Kind.REQUESTS);
        Demand tight = new Demand("p/model/m/rpd", Window.DAY, 1, 1, Demand.Kind.REQUESTS);
        assertTrue(tryAdmit(c, roomy, tight));
        for (int i = 0; i < 5; i++) {
            AdmissionControl.Refused refused = assertThrows(AdmissionControl.Refused.class,
                    () -> c.admit(List.of(roomy, tight), true));
            assertEquals(tight, refused.demand());
            assertEquals(Instant.parse("2026-11-27T00:00:00Z"), refused.retryAt());
        }
        // The refused requests took nothing from the roomy limit: 9 more fit.
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += tryAdmit(c, roomy) ? 1 : 0;
        }
        assertEquals(9, admitted);
    }

    @Test
    void concurrencySlotsComeBackWhenRequestsEnd() {
        AdmissionControl a = replica();
        AdmissionControl b = replica();
        Demand slots = new Demand("p/concurrent", Window.OPEN, 3, 1, Demand.Kind.CONCURRENCY);
        Reservation first = a.admit(List.of(slots), true);
        a.admit(List.of(slots), true);
        b.admit(List.of(slots), true);
        assertFalse(tryAdmit(a, slots));
        assertFalse(tryAdmit(b, slots));
        first.settle(true, 10, 0);
        assertTrue(tryAdmit(a, slots), "the slot came back to the replica that held it");
        assertFalse(tryAdmit(b, slots));
    }

    @Test
    void idleConcurrencySlotsGoBackToTheSharedPool() {
        AdmissionControl a = replica();
        Demand slots = new Demand("p/concurrent", Window.OPEN, 400, 1, Demand.Kind.CONCURRENCY);
        List<Reservation> held = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            held.add(a.admit(List.of(slots), true));
        }
        held.forEach(r -> r.settle(true, 1, 0));
        a.maintain(true);
        assertTrue(shared.held("p/concurrent", 0) <= AdmissionControl.chunk(400),
                "idle slots kept beyond one chunk: " + shared.held("p/concurrent", 0));
    }

    @Test
    void spendIsSettledAtTheRealCost() {
        AdmissionControl c = replica();
        long limit = 1_000_000_000L; // USD 1 in nano-USD
        Demand reserve = new Demand("p/spend-month", Window.MONTH, limit, 800_000_000L, Demand.Kind.SPEND);
        Reservation r = c.admit(List.of(reserve), true);
        assertFalse(tryAdmit(c, reserve));
        r.settle(true, 1000, 300_000_000L);
        assertTrue(tryAdmit(c, new Demand("p/spend-month", Window.MONTH, limit, 700_000_000L, Demand.Kind.SPEND)));
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        assertTrue(tryAdmit(c, reserve), "a new month renews the budget");
    }

    @Test
    void anOutageAdmitsASmallLocalAllowanceForFailOpenProjectsAndRefusesFailClosedOnes() {
        AdmissionControl c = replica();
        List<Boolean> outageEvents = new java.util.ArrayList<>();
        c.onOutageChange(outageEvents::add);
        shared.down.set(true);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += tryAdmit(c, rpm(200)) ? 1 : 0;
        }
        assertEquals(20, admitted, "10% of the limit while the counters are away");
        assertTrue(c.inOutage());
        AdmissionControl.Refused closed = assertThrows(AdmissionControl.Refused.class,
                () -> c.admit(List.of(new Demand("q/rpm", Window.MINUTE, 200, 1, Demand.Kind.REQUESTS)), false));
        assertTrue(closed.outage());

        shared.down.set(false);
        c.maintain(true);
        assertFalse(c.inOutage());
        assertEquals(List.of(true, false), outageEvents);
        assertTrue(tryAdmit(c, new Demand("q/rpm", Window.MINUTE, 200, 1, Demand.Kind.REQUESTS)),
                "back to shared leases once the database answers");
    }

    @Test
    void aFailedHandBackKeepsTheLease() {
        AdmissionControl c = replica();
        Demand slots = new Demand("p/concurrent", Window.OPEN, 1000, 1, Demand.Kind.CONCURRENCY);
        List<Reservation> held = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            held.add(c.admit(List.of(slots), true));
        }
        held.forEach(r -> r.settle(true, 0, 0));
        shared.down.set(true);
        c.giveBackAll();
        shared.down.set(false);
        c.giveBackAll();
        assertEquals(0, shared.held("p/concurrent", 0));
    }

    @Test
    void standingReportsTheTightestLimit() {
        AdmissionControl c = replica();
        Demand loose = new Demand("p/rpm", Window.MINUTE, 100, 1, Demand.Kind.REQUESTS);
        Demand tight = new Demand("p/model/m/rpm", Window.MINUTE, 10, 1, Demand.Kind.REQUESTS);
        c.admit(List.of(loose, tight), true);
        AdmissionControl.Standing s = c.standing(List.of(loose, tight), Demand.Kind.REQUESTS);
        assertEquals(10, s.limit());
        assertEquals(9, s.remaining());
        assertEquals(Duration.ofSeconds(55), s.reset());
        assertEquals(null, c.standing(List.of(loose), Demand.Kind.TOKENS));
    }
}
