package dev.recstream.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects {@code kubectl apply -k k8s/} would create, for {@link KubernetesManifestsTest}.
 * Rendered by {@code kubectl kustomize} when kubectl is on the PATH, so a kustomization that does
 * not render fails too; otherwise read from the files kustomization.yaml lists, which is what
 * kustomize would render here (it only adds labels). Each object remembers the file it came
 * from, so a failure names it.
 */
final class KubernetesManifests {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesManifests.class);
  static final String KUSTOMIZATION = "kustomization.yaml";
  /** Deliberately not in the kustomization: real credentials never come from the repository. */
  static final String SECRET_EXAMPLE = "secret.example.yaml";
  private static final long KUSTOMIZE_TIMEOUT_SECONDS = 60;

  /** One Kubernetes object and the file under k8s/ it came from. */
  record Manifest(String file, Map<String, Object> body) {
    String kind() {
      return text(body.get("kind"));
    }

    String name() {
      return text(at(body, "metadata", "name"));
    }

    /** How failure messages name it, e.g. {@code k8s/gateway.yaml Deployment recstream-gateway}. */
    String where() {
      return "k8s/" + file + " " + kind() + " " + name();
    }
  }

  /** One container of a workload's pod template. */
  record Container(Manifest workload, Map<String, Object> body) {
    Map<String, Object> podSpec() {
      return map(at(workload.body(), "spec", "template", "spec"));
    }

    String where() {
      return workload.where() + " container " + text(body.get("name"));
    }
  }

  private KubernetesManifests() {}

  /** The repository root: the first ancestor of the working directory (services/app) with k8s/. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("k8s").resolve(KUSTOMIZATION)) && Files.isRegularFile(dir.resolve("README.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no k8s/" + KUSTOMIZATION + " above " + Path.of("").toAbsolutePath());
  }

  /** The file names kustomization.yaml lists under resources. */
  static List<String> listedResources(Path k8s) throws IOException {
    return list(parse(Files.readString(k8s.resolve(KUSTOMIZATION))).get(0).get("resources")).stream()
        .map(KubernetesManifests::text).toList();
  }

  /** Every object of the kustomization, rendered by kubectl when there is one. */
  static List<Manifest> render(Path k8s) throws IOException, InterruptedException {
    Map<String, String> origins = new HashMap<>();
    List<Manifest> direct = new ArrayList<>();
    for (String file : listedResources(k8s)) {
      for (Map<String, Object> body : parse(Files.readString(k8s.resolve(file)))) {
        Manifest manifest = new Manifest(file, body);
        direct.add(manifest);
        origins.put(manifest.kind() + "/" + manifest.name(), file);
      }
    }
    Optional<Path> kubectl = onPath("kubectl");
    if (kubectl.isEmpty()) {
      LOG.info("no kubectl on the PATH: checking the files kustomization.yaml lists");
      return direct;
    }
    LOG.info("checking the output of kubectl kustomize kubectl={}", kubectl.get());
    return parse(kustomize(kubectl.get(), k8s)).stream()
        .map(body -> {
          Manifest rendered = new Manifest(null, body);
          return new Manifest(origins.getOrDefault(rendered.kind() + "/" + rendered.name(), "(rendered)"), body);
        })
        .toList();
  }

  /** One file of k8s/ that is not rendered (the Secret example). */
  static Manifest read(Path k8s, String file) throws IOException {
    return new Manifest(file, parse(Files.readString(k8s.resolve(file))).get(0));
  }

  /** Every container of every workload (anything with a pod template). */
  static List<Container> containers(List<Manifest> manifests) {
    List<Container> containers = new ArrayList<>();
    for (Manifest manifest : manifests) {
      Map<String, Object> podSpec = map(at(manifest.body(), "spec", "template", "spec"));
      list(podSpec.get("initContainers")).forEach(c -> containers.add(new Container(manifest, map(c))));
      list(podSpec.get("containers")).forEach(c -> containers.add(new Container(manifest, map(c))));
    }
    return containers;
  }

  private static String kustomize(Path kubectl, Path k8s) throws IOException, InterruptedException {
    Path out = Files.createTempFile("recstream-kustomize", ".yaml");
    Path err = Files.createTempFile("recstream-kustomize", ".err");
    try {
      Process process = new ProcessBuilder(kubectl.toString(), "kustomize", k8s.toString())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(KUSTOMIZE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + k8s + " did not finish in " + KUSTOMIZE_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize " + k8s + " failed (exit " + process.exitValue() + "): "
            + Files.readString(err).strip());
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir).resolve(program);
      if (!dir.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The documents of a YAML stream; empty documents (a trailing {@code ---}) are left out. */
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (document != null) {
        documents.add(map(document));
      }
    }
    return documents;
  }

  // ---- walking parsed YAML: a missing or differently typed node reads as empty ----

  static Object at(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      current = map(current).get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node) {
    return node instanceof List<?> l ? (List<Object>) l : List.of();
  }

  static String text(Object node) {
    return node == null ? null : String.valueOf(node);
  }
}
