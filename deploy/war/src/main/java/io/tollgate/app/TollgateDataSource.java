package io.tollgate.app;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one connection pool, configured from the environment (or -D system properties) because a
 * {@code @DataSourceDefinition} does not see the WAR's own microprofile-config.properties on Payara.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/tollgate",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=TOLLGATE_DB_URL}",
        user = "${MPCONFIG=TOLLGATE_DB_USER}",
        password = "${MPCONFIG=TOLLGATE_DB_PASSWORD}",
        minPoolSize = 2,
        maxPoolSize = 32,
        maxIdleTime = 300,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "fish.payara.fail-all-connections=true",
                "ApplicationName=tollgate"
        })
@ApplicationScoped
public class TollgateDataSource {
}
