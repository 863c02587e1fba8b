package io.tollgate.persistence.projects;

import java.math.BigDecimal;

/** The monthly spend limit in USD (null: none) and whether reaching it refuses requests or only alerts. */
public record ProjectSpendLimit(BigDecimal thresholdUsd, boolean enforced) {
}
