package dev.taskflow.panel.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.taskflow.panel.pipeline.Check;
import dev.taskflow.panel.pipeline.CheckContext;
import dev.taskflow.panel.pipeline.Evidence;
import dev.taskflow.panel.pipeline.TaskOutcome;
import dev.taskflow.panel.support.SecretMasker;

import org.springframework.stereotype.Component;

/**
 * The variables each pod must have, shown only as fingerprints; the shared auth secret's fingerprint equal in the
 * backend and the frontend; and the frontend's NEXT_PUBLIC_API_URL equal to the backend Service's URL (T057, T058,
 * T035).
 */
@Component
class PodEnvCheck implements Check {

    static final String API_URL = "NEXT_PUBLIC_API_URL";

    private final ClusterService cluster;

    private final InPodChecks inPod;

    PodEnvCheck(ClusterService cluster, InPodChecks inPod) {
        this.cluster = cluster;
        this.inPod = inPod;
    }

    @Override
    public String id() {
        return "pod-env";
    }

    @Override
    public TaskOutcome run(CheckContext context) {
        String plan = context.plan().id();
        String app = cluster.appLabel(plan);
        List<String> components = ClusterService.components(context.parameter("component", "all"));
        Map<String, InPodAnswers.Environment> found = new LinkedHashMap<>();
        for (String component : components) {
            found.put(component, inPod.environment(plan, app, component));
        }
        List<String> problems = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        found.forEach((component, environment) -> {
            Map<String, String> values = new LinkedHashMap<>();
            environment.variables().forEach(variable -> values.put(variable.name(), variable.present()
                    ? variable.fingerprint() + " (" + variable.length() + " chars)" : "missing"));
            evidence.add(new Evidence(Evidence.Kind.MEASUREMENT, "Environment of " + component + " pod "
                    + environment.pod() + " (" + environment.tool() + ")", null, values));
            if (!environment.missing().isEmpty()) {
                problems.add(component + " pod " + environment.pod() + " lacks " + String.join(", ",
                        environment.missing()));
            }
        });
        if (found.containsKey("frontend")) {
            InPodAnswers.Environment frontend = found.get("frontend");
            InPodAnswers.Environment backend = found.containsKey("backend") ? found.get("backend")
                    : inPod.environment(plan, app, "backend");
            for (String key : cluster.properties().sharedSecretKeys()) {
                Optional<InPodAnswers.Variable> front = frontend.variable(key).filter(InPodAnswers.Variable::present);
                Optional<InPodAnswers.Variable> back = backend.variable(key).filter(InPodAnswers.Variable::present);
                if (front.isPresent() && back.isPresent()) {
                    boolean same = front.get().fingerprint().equals(back.get().fingerprint());
                    evidence.add(Evidence.measurement(key + " in backend and frontend", Map.of("backend",
                            back.get().fingerprint(), "frontend", front.get().fingerprint(), "equal",
                            String.valueOf(same))));
                    if (!same) {
                        problems.add(key + " differs between backend (" + back.get().fingerprint() + ") and "
                                + "frontend (" + front.get().fingerprint() + "): sessions will not verify; give both "
                                + "the same value");
                    }
                }
            }
            frontend.variable(API_URL).filter(InPodAnswers.Variable::present).ifPresent(variable -> {
                String expected = inPod.backendServiceUrl(app);
                boolean same = variable.fingerprint().equals(SecretMasker.fingerprint(expected));
                evidence.add(Evidence.measurement(API_URL + " against the backend Service URL", Map.of("expected",
                        expected, "frontend", variable.fingerprint(), "equal", String.valueOf(same))));
                if (!same) {
                    problems.add(API_URL + " in the frontend is not " + expected + " (fingerprint "
                            + variable.fingerprint() + ")");
                }
            });
        }
        return TaskOutcome.of(problems.isEmpty(), problems.isEmpty()
                ? "All expected variables are present in " + String.join(" and ", components) + " (values shown as "
                        + "fingerprints only)."
                : String.join("; ", problems) + ".", evidence);
    }
}
