package io.tollgate.gateway.ledger.boundary;

import io.tollgate.gateway.platform.binding.AdminJson;
import jakarta.json.bind.annotation.JsonbNillable;
import io.tollgate.gateway.auth.control.AdminApi;
import io.tollgate.gateway.ledger.control.UsageRollups;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.persistence.projects.ProjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Tollgate-only: {@code GET /v1/organization/projects/{project_id}/usage/export?start_date=&end_date=&format=csv|json}
 * — a project's billed usage per day, API key, model and endpoint, with its cost in USD, for billing. Dates are UTC
 * days, {@code end_date} exclusive, at most 366 days.
 */
@Path("organization/projects/{project_id}/usage")
@AdminApi
@ApplicationScoped
public class UsageExportResource {

    @Inject
    UsageRollups rollups;
    @Inject
    ProjectStore projects;

    @GET
    @Path("export")
    @Transactional
    public Response export(@PathParam("project_id") String projectId, @QueryParam("start_date") String startDate,
                           @QueryParam("end_date") String endDate, @QueryParam("format") String format) {
        if (projects.find(projectId).isEmpty()) {
            throw new ApiException(ApiError.notFound("No project with id '" + projectId + "'."));
        }
        LocalDate from = date(startDate, "start_date");
        LocalDate to = date(endDate, "end_date");
        if (!to.isAfter(from) || Duration.between(from.atStartOfDay(), to.atStartOfDay()).toDays() > 366) {
            throw new ApiException(ApiError.invalidRequest("'end_date' must be after 'start_date', at most 366 days "
                    + "later.", "end_date"));
        }
        String shape = format == null ? "csv" : format;
        if (!List.of("csv", "json").contains(shape)) {
            throw new ApiException(ApiError.invalidRequest("'format' must be 'csv' or 'json'.", "format"));
        }
        List<UsageRollups.DailyLine> lines = rollups.daily(projectId, from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.atStartOfDay().toInstant(ZoneOffset.UTC));
        String file = "tollgate-usage-" + projectId + "-" + from + "-" + to + "." + shape;
        Object body = shape.equals("csv") ? csv(projectId, lines) : json(projectId, from, to, lines);
        return Response.ok(body, shape.equals("csv") ? "text/csv; charset=utf-8" : "application/json")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    private static String csv(String projectId, List<UsageRollups.DailyLine> lines) {
        StringBuilder out = new StringBuilder("date,project_id,api_key_id,model,endpoint,requests,input_tokens,"
                + "cached_input_tokens,output_tokens,cost_usd\n");
        for (UsageRollups.DailyLine l : lines) {
            out.append(l.day()).append(',').append(projectId).append(',').append(l.apiKeyId() == null ? "" : l.apiKeyId())
                    .append(',').append(quoted(l.model())).append(',').append(l.endpoint()).append(',')
                    .append(l.requests()).append(',').append(l.promptTokens()).append(',').append(l.cachedTokens())
                    .append(',').append(l.completionTokens()).append(',').append(usd(l.costNanoUsd()).toPlainString())
                    .append('\n');
        }
        return out.toString();
    }

    private static String json(String projectId, LocalDate from, LocalDate to, List<UsageRollups.DailyLine> lines) {
        return AdminJson.JSONB.toJson(new Export("list", projectId, from.toString(), to.toString(), lines.stream()
                .map(l -> new ExportLine(l.day().toString(), projectId, l.apiKeyId(), l.model(), l.endpoint(),
                        l.requests(), l.promptTokens(), l.cachedTokens(), l.completionTokens(), usd(l.costNanoUsd())))
                .toList()));
    }

    /** The JSON export: a list of a project's daily lines in [start_date, end_date). */
    public record Export(String object, String projectId, String startDate, String endDate, List<ExportLine> data) {
    }

    /** One day, key, model and endpoint; keyless traffic (the demo key's) has a null api_key_id. */
    public record ExportLine(String date, String projectId, @JsonbNillable String apiKeyId, String model,
                             String endpoint, long requests, long inputTokens, long cachedInputTokens,
                             long outputTokens, BigDecimal costUsd) {
    }

    /** Models come from configuration; quote them if they could break a CSV cell. */
    private static String quoted(String value) {
        return value.matches("[^,\"\\r\\n]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    private static BigDecimal usd(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros();
    }

    private static LocalDate date(String value, String param) {
        try {
            return LocalDate.parse(value);
        } catch (RuntimeException e) {
            throw new ApiException(ApiError.invalidRequest("'" + param + "' must be a date (YYYY-MM-DD).", param));
        }
    }
}
