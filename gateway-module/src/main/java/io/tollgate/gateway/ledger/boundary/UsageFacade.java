package io.tollgate.gateway.ledger.boundary;

import io.tollgate.gateway.ledger.control.UsageRollups;
import io.tollgate.gateway.ledger.entity.UsageQuery;
import io.tollgate.gateway.ledger.entity.UsageRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The ledger's rollups as the portal's usage charts read them: the same query the Usage API answers. */
@ApplicationScoped
public class UsageFacade {

    @Inject
    UsageRollups rollups;

    /** Every endpoint's buckets of the query, in bucket order. */
    public List<UsageRow> rows(UsageQuery query) {
        return rollups.rows(query, null);
    }
}
