package dev.taskflow.panel.web;

import dev.taskflow.panel.pipeline.ConflictException;
import dev.taskflow.panel.support.ClusterUnavailableException;
import dev.taskflow.panel.pipeline.InvalidRequestException;
import dev.taskflow.panel.pipeline.PlanElementNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors on pages. An htmx request gets an alert fragment swapped into the page's fixed error area; a plain
 * request gets the error page. Either way the message says what was wrong and what to do.
 */
@ControllerAdvice(annotations = Controller.class)
class WebErrorAdvice {

    /** The element every layout has for errors; htmx requests are retargeted there. */
    static final String ERROR_AREA = "#error-area";

    @ExceptionHandler(PlanElementNotFoundException.class)
    ModelAndView notFound(PlanElementNotFoundException ex, HttpServletRequest request, HttpServletResponse response) {
        return error(HttpStatus.NOT_FOUND, ex.getMessage(), request, response);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ModelAndView invalid(InvalidRequestException ex, HttpServletRequest request, HttpServletResponse response) {
        return error(HttpStatus.BAD_REQUEST, ex.getMessage(), request, response);
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException ex, HttpServletRequest request, HttpServletResponse response) {
        return error(HttpStatus.CONFLICT, ex.getMessage(), request, response);
    }

    @ExceptionHandler(ClusterUnavailableException.class)
    ModelAndView clusterUnavailable(ClusterUnavailableException ex, HttpServletRequest request,
            HttpServletResponse response) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage(), request, response);
    }

    private static ModelAndView error(HttpStatus status, String message, HttpServletRequest request,
            HttpServletResponse response) {
        response.setStatus(status.value());
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        ModelAndView view = new ModelAndView(htmx ? "fragments/layout :: error-alert" : "error");
        view.addObject("status", status.value());
        view.addObject("error", status.getReasonPhrase());
        view.addObject("message", message);
        if (htmx) {
            response.setHeader("HX-Retarget", ERROR_AREA);
            response.setHeader("HX-Reswap", "innerHTML");
        }
        view.setStatus(status);
        return view;
    }
}
