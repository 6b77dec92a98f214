package dev.taskflow.panel.logs;

import java.util.Collection;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A log was asked for a pod, container, component or namespace that does not exist; answers 404 with the choices. */
public class LogSourceNotFoundException extends ErrorResponseException {

    LogSourceNotFoundException(String message) {
        super(HttpStatus.NOT_FOUND, problem(message), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    static LogSourceNotFoundException pod(String pod, String namespace, List<String> pods) {
        return new LogSourceNotFoundException("There is no pod " + pod + " in namespace " + namespace + ": "
                + (pods.isEmpty() ? "the namespace has no pods (is the release installed?)"
                        : "choose one of " + String.join(", ", pods)) + ".");
    }

    static LogSourceNotFoundException container(String container, String pod, List<String> containers) {
        return new LogSourceNotFoundException("Pod " + pod + " has no container " + container + ": choose one of "
                + String.join(", ", containers) + ".");
    }

    static LogSourceNotFoundException component(String component, List<String> components) {
        return new LogSourceNotFoundException("There is no component " + component + ": choose one of "
                + String.join(", ", components) + ".");
    }

    static LogSourceNotFoundException plan(String plan, Collection<String> plans) {
        return new LogSourceNotFoundException("There is no plan " + plan + ": choose one of "
                + String.join(", ", plans) + ".");
    }

    static LogSourceNotFoundException namespace(String namespace) {
        return new LogSourceNotFoundException("Namespace " + namespace + " does not exist: install the release "
                + "into it, or set panel.cluster.namespace to the namespace the app runs in.");
    }

    private static ProblemDetail problem(String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, message);
        problem.setTitle("Not found");
        return problem;
    }
}
