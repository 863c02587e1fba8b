package io.tollgate.persistence.backends;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of a backend's price in USD per 1M tokens. Rows are only ever added: a request is costed at the
 * version in force when it ran, so history is never rewritten.
 */
@Entity
@Table(name = "backend_prices")
@IdClass(BackendPrice.Key.class)
public class BackendPrice {

    /** The composite primary key. */
    public record Key(String backendId, Instant validFrom) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "backend_id")
    private String backendId;

    @Id
    @Column(name = "valid_from")
    private Instant validFrom;

    @Column(name = "input_usd_per_1m", nullable = false, precision = 12, scale = 6)
    private BigDecimal inputUsdPer1m;

    @Column(name = "cached_input_usd_per_1m", nullable = false, precision = 12, scale = 6)
    private BigDecimal cachedInputUsdPer1m;

    @Column(name = "output_usd_per_1m", nullable = false, precision = 12, scale = 6)
    private BigDecimal outputUsdPer1m;

    protected BackendPrice() {
    }

    public BackendPrice(String backendId, Instant validFrom, BigDecimal input, BigDecimal cachedInput,
                        BigDecimal output) {
        this.backendId = Objects.requireNonNull(backendId);
        this.validFrom = Objects.requireNonNull(validFrom);
        this.inputUsdPer1m = Objects.requireNonNull(input);
        this.cachedInputUsdPer1m = Objects.requireNonNull(cachedInput);
        this.outputUsdPer1m = Objects.requireNonNull(output);
    }

    public String backendId() {
        return backendId;
    }

    public Instant validFrom() {
        return validFrom;
    }

    public BigDecimal inputUsdPer1m() {
        return inputUsdPer1m;
    }

    public BigDecimal cachedInputUsdPer1m() {
        return cachedInputUsdPer1m;
    }

    public BigDecimal outputUsdPer1m() {
        return outputUsdPer1m;
    }

    /** Same amounts, whatever their scale. */
    public boolean samePriceAs(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
        return inputUsdPer1m.compareTo(input) == 0 && cachedInputUsdPer1m.compareTo(cachedInput) == 0
                && outputUsdPer1m.compareTo(output) == 0;
    }
}
