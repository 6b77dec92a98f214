package dev.taskflow.panel.web;

import dev.taskflow.panel.pipeline.ConflictException;
import dev.taskflow.panel.support.ClusterUnavailableException;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** JSON API errors as RFC 9457 problem details that name what was wrong and how to ask instead. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrorAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(PlanElementNotFoundException.class)
    ProblemDetail notFound(PlanElementNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException ex) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException ex) {
        return problem(HttpStatus.CONFLICT, "Not possible now", ex.getMessage());
    }

    @ExceptionHandler(ClusterUnavailableException.class)
    ProblemDetail clusterUnavailable(ClusterUnavailableException ex) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Cluster unavailable", ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String cause = ex.getMostSpecificCause().getMessage();
        String firstLine = cause == null ? "no body" : cause.lines().findFirst().orElse(cause);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                "The body is not the JSON this endpoint takes (" + firstLine + "). Send e.g. "
                        + "{\"plan\":\"taskflow\",\"phase\":\"phase-1\"} with Content-Type: application/json.");
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
