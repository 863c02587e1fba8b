package io.tollgate.gateway.backends.control;

import jakarta.inject.Inject;
import io.tollgate.gateway.settings.TollgateSettings;
import io.tollgate.gateway.platform.DirectConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prices self-hosted backends from their GPUs: effective USD per 1M tokens = the GPUs' cost per hour (catalogue
 * monthly cost × count ÷ 730 h) ÷ the tokens per hour the backend served over the last hour — or, until it has served
 * {@link #MEASURED_MIN_TOKENS} tokens in that hour, its configured expected throughput. A change of more than 2 %
 * becomes a new price version (requests are costed at the version in force). Every 5 minutes, on one replica at a
 * time (an advisory lock).
 */
@ApplicationScoped
public class GpuPricing {

    @Inject
    TollgateSettings settings;

    private static final Logger LOG = Logger.getLogger(GpuPricing.class.getName());
    static final long MEASURED_MIN_TOKENS = 10_000;
    private static final double HOURS_PER_MONTH = 730;
    private static final long LOCK_KEY = 0x7011_6a7e_1ed6_0002L;

    private ScheduledExecutorService schedule;
    private DirectConnection session;

    /** USD per 1M tokens for GPUs costing {@code monthlyUsd} each, serving {@code tokensPerHour}. */
    public static BigDecimal effectivePerMillion(BigDecimal monthlyUsd, int count, double tokensPerHour) {
        double perHour = monthlyUsd.doubleValue() * count / HOURS_PER_MONTH;
        return BigDecimal.valueOf(perHour / Math.max(1, tokensPerHour) * 1_000_000).setScale(6, RoundingMode.HALF_UP);
    }

    public synchronized void start() {
        if (schedule != null) {
            return;
        }
        session = DirectConnection.to(settings.database(), "tollgate-pricing", 30);
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("tollgate-gpu-pricing").factory());
        schedule.scheduleWithFixedDelay(this::reprice, 0, 5, TimeUnit.MINUTES);
    }

    /** Re-costs every GPU backend now (also after an admin changed a backend's GPUs or the catalogue). */
    public void repriceSoon() {
        ScheduledExecutorService s = schedule;
        if (s != null) {
            s.schedule(this::reprice, 1, TimeUnit.SECONDS); // after the admin change has committed
        }
    }

    private void reprice() {
        try {
            Connection c = session.get();
            c.setAutoCommit(false);
            try {
                repriceAll(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "GPU pricing skipped this round: {0}", e.getMessage());
            session.close();
        }
    }

    static void repriceAll(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return; // another replica is at it
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("""
                select b.id, g.monthly_usd, b.gpu_count, b.expected_tokens_per_second,
                       (select coalesce(sum(e.prompt_tokens + e.completion_tokens), 0) from usage_events e
                         where e.backend_id = b.id and e.occurred_at >= now() - interval '1 hour'),
                       (select p.input_usd_per_1m from backend_prices p where p.backend_id = b.id
                         and p.valid_from <= now() order by p.valid_from desc limit 1)
                from backends b join gpu_types g on g.name = b.gpu_type""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long served = rs.getLong(5);
                double tokensPerHour = served >= MEASURED_MIN_TOKENS ? served : rs.getInt(4) * 3600.0;
                BigDecimal effective = effectivePerMillion(rs.getBigDecimal(2), rs.getInt(3), tokensPerHour);
                BigDecimal current = rs.getBigDecimal(6);
                if (current == null || changedMoreThan2Percent(current, effective)) {
                    try (PreparedStatement insert = c.prepareStatement("""
                            insert into backend_prices (backend_id, valid_from, input_usd_per_1m,
                                cached_input_usd_per_1m, output_usd_per_1m) values (?, clock_timestamp(), ?, ?, ?)""")) {
                        insert.setString(1, rs.getString(1));
                        insert.setBigDecimal(2, effective);
                        insert.setBigDecimal(3, effective);
                        insert.setBigDecimal(4, effective);
                        insert.executeUpdate();
                    }
                }
            }
        }
    }

    static boolean changedMoreThan2Percent(BigDecimal current, BigDecimal next) {
        if (current.signum() == 0) {
            return next.signum() != 0;
        }
        return next.subtract(current).abs().divide(current, 6, RoundingMode.HALF_UP)
                .compareTo(new BigDecimal("0.02")) > 0;
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.shutdownNow();
            session.close();
        }
    }
}
