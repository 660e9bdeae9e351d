package dev.recstream.app;

import static dev.recstream.app.KubernetesManifests.KUSTOMIZATION;
import static dev.recstream.app.KubernetesManifests.SECRET_EXAMPLE;
import static dev.recstream.app.KubernetesManifests.at;
import static dev.recstream.app.KubernetesManifests.list;
import static dev.recstream.app.KubernetesManifests.map;
import static dev.recstream.app.KubernetesManifests.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recstream.app.KubernetesManifests.Container;
import dev.recstream.app.KubernetesManifests.Manifest;
import dev.recstream.gateway.GatewayVerticle;
import dev.recstream.shared.config.ConfigException;
import dev.recstream.shared.config.ConfigLoader;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.config.Setting;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Checks k8s/ against what the application reads, so the manifests cannot drift from the code:
 * the settings ({@link Setting}), the command line ({@link RunCommand}, {@link Service}), the
 * gateway's health routes, the model directory, and the Secret the README tells you to create.
 * No cluster is needed; see {@link KubernetesManifests} for how k8s/ is rendered.
 */
@DisplayName("The Kubernetes manifests in k8s/")
class KubernetesManifestsTest {
  /** Scoring scans and opens packages in modelDir; training writes them there (the registry keeps their paths). */
  private static final Set<Service> MODEL_DIR_USERS = EnumSet.of(Service.SCORING, Service.TRAINING);
  /** The container port names the manifests use for the gateway's HTTP server and for Hazelcast. */
  private static final String HTTP = "http";
  private static final String HAZELCAST = "hazelcast";
  /** What status.podIP stands for when a container's configuration is loaded here. */
  private static final String POD_IP = "10.0.0.1";
  private static final Pattern SECRET_COMMAND = Pattern.compile("kubectl create secret generic\\s+([A-Za-z0-9.-]+)");
  private static final Pattern SECRET_KEY = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=");

  private static Path root;
  private static Path k8s;
  private static List<Manifest> manifests;
  private static List<Container> containers;
  private static Manifest secret;

  /** What one container starts: its parsed command line and the configuration it would run with. */
  private record Launch(RunCommand run, List<Service> services, RecstreamConfig config) {}

  @BeforeAll
  static void render() throws Exception {
    root = KubernetesManifests.repositoryRoot();
    k8s = root.resolve("k8s");
    manifests = KubernetesManifests.render(k8s);
    containers = KubernetesManifests.containers(manifests);
    secret = KubernetesManifests.read(k8s, SECRET_EXAMPLE);
  }

  @Test
  @DisplayName("kustomization.yaml lists every file of k8s/ except the Secret example, and only files that exist")
  void kustomizationListsEveryFile() throws IOException {
    List<String> listed = KubernetesManifests.listedResources(k8s);
    List<String> files;
    try (Stream<Path> paths = Files.list(k8s)) {
      files = paths.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml") || f.endsWith(".yml")).sorted().toList();
    }
    for (String file : files) {
      if (file.equals(SECRET_EXAMPLE)) {
        assertFalse(listed.contains(file), "k8s/" + KUSTOMIZATION + " resources: lists " + file
            + ", so every apply would replace the real Secret with its placeholders");
      } else if (!file.equals(KUSTOMIZATION)) {
        assertTrue(listed.contains(file), "k8s/" + KUSTOMIZATION + " resources: does not list " + file
            + ", so kubectl apply -k k8s/ leaves it out");
      }
    }
    listed.forEach(file -> assertTrue(files.contains(file), "k8s/" + KUSTOMIZATION + " resources: lists " + file + ", which is not in k8s/"));
  }

  @Test
  @DisplayName("every pod sets enableServiceLinks: false, since the variables of Services named recstream-* stop start-up")
  void serviceLinksOff() {
    for (Manifest workload : workloads()) {
      assertEquals(false, at(workload.body(), "spec", "template", "spec", "enableServiceLinks"), workload.where()
          + " spec.template.spec.enableServiceLinks: must be false; Kubernetes would inject variables such as RECSTREAM_CLUSTER_PORT "
          + "for the Services named recstream-*, and an unknown RECSTREAM_* variable stops start-up");
    }
  }

  @Test
  @DisplayName("every RECSTREAM_* variable a container gets is a setting, with a value the configuration loader accepts")
  void environmentHoldsOnlySettings() {
    for (Manifest configMap : ofKind("ConfigMap")) {
      map(configMap.body().get("data")).keySet().forEach(key -> assertSetting(key, configMap.where() + " data." + key));
    }
    for (Container container : containers) {
      environment(container).keySet().forEach(name -> assertSetting(name, container.where() + " environment " + name));
      launch(container);
    }
  }

  @Test
  @DisplayName("every Secret and ConfigMap key a container reads exists in secret.example.yaml or the ConfigMap")
  void referencedKeysExist() {
    for (Container container : containers) {
      for (Object from : list(container.body().get("envFrom"))) {
        String configMap = text(at(from, "configMapRef", "name"));
        if (configMap != null) {
          assertNotNull(named("ConfigMap", configMap), container.where() + " envFrom configMapRef.name: no ConfigMap " + configMap + " in the kustomization");
        }
        String secretName = text(at(from, "secretRef", "name"));
        if (secretName != null) {
          assertEquals(secret.name(), secretName, container.where() + " envFrom secretRef.name: the Secret is " + secret.name() + " (" + secret.where() + ")");
        }
      }
      for (Object variable : list(container.body().get("env"))) {
        String where = container.where() + " env " + text(map(variable).get("name"));
        Map<String, Object> secretRef = map(at(variable, "valueFrom", "secretKeyRef"));
        if (!secretRef.isEmpty()) {
          assertEquals(secret.name(), text(secretRef.get("name")), where + " secretKeyRef.name: the Secret is " + secret.name() + " (" + secret.where() + ")");
          assertTrue(secretKeys().contains(text(secretRef.get("key"))), where + " secretKeyRef.key: '" + secretRef.get("key")
              + "' is not a key of " + secret.where() + ", which has " + secretKeys());
        }
        Map<String, Object> configMapRef = map(at(variable, "valueFrom", "configMapKeyRef"));
        if (!configMapRef.isEmpty()) {
          Manifest configMap = named("ConfigMap", text(configMapRef.get("name")));
          assertNotNull(configMap, where + " configMapKeyRef.name: no ConfigMap " + configMapRef.get("name") + " in the kustomization");
          assertTrue(map(configMap.body().get("data")).containsKey(text(configMapRef.get("key"))), where + " configMapKeyRef.key: '"
              + configMapRef.get("key") + "' is not a key of " + configMap.where());
        }
      }
    }
  }

  @Test
  @DisplayName("every container passes `run --cluster` and real services to the image's entrypoint, and together they run every service")
  void containersRunEveryService() {
    Set<Service> run = EnumSet.noneOf(Service.class);
    for (Container container : containers) {
      Launch launch = launch(container);
      assertTrue(launch.run().cluster, container.where() + " args " + container.body().get("args")
          + ": no --cluster, so this pod would have an event bus of its own and reach no other service");
      run.addAll(launch.services());
    }
    Set<Service> missing = EnumSet.complementOf(EnumSet.copyOf(run));
    assertTrue(missing.isEmpty(), "k8s/: no Deployment runs " + missing.stream().map(Service::label).toList()
        + " (args --services=…), so every request that needs it fails");
  }

  @Test
  @DisplayName("the gateway declares the configured HTTP port, clustered pods the Hazelcast port, and each Service targets a declared port")
  void portsMatchConfiguration() {
    for (Container container : containers) {
      Launch launch = launch(container);
      Map<String, Integer> ports = namedPorts(container);
      if (launch.services().contains(Service.GATEWAY)) {
        assertEquals(launch.config().httpPort(), ports.get(HTTP), container.where() + " ports: the port named " + HTTP
            + " must be the gateway's HTTP port " + launch.config().httpPort() + " (RECSTREAM_HTTP_PORT, else the default)");
      } else {
        assertFalse(ports.containsKey(HTTP), container.where() + " ports: declares " + HTTP + ", but only the gateway serves HTTP and this pod runs "
            + launch.services().stream().map(Service::label).toList());
      }
      assertEquals(launch.config().clusterPort(), ports.get(HAZELCAST), container.where() + " ports: the port named " + HAZELCAST
          + " must be the Hazelcast port " + launch.config().clusterPort() + " (RECSTREAM_CLUSTER_PORT, else the default)");
    }
    for (Manifest service : ofKind("Service")) {
      Map<String, Object> selector = map(at(service.body(), "spec", "selector"));
      List<Manifest> selected = workloads().stream()
          .filter(w -> map(at(w.body(), "spec", "template", "metadata", "labels")).entrySet().containsAll(selector.entrySet())).toList();
      assertFalse(selected.isEmpty(), service.where() + " spec.selector " + selector + ": selects no pod of the kustomization");
      for (Object port : list(at(service.body(), "spec", "ports"))) {
        Object target = map(port).getOrDefault("targetPort", map(port).get("port"));
        for (Manifest workload : selected) {
          boolean declared = containers.stream().filter(c -> c.workload() == workload).anyMatch(c -> portNumber(c, target) != null);
          assertTrue(declared, service.where() + " ports targetPort " + target + ": " + workload.where() + " declares no such container port");
        }
      }
    }
  }

  @Test
  @DisplayName("HTTP probes call the gateway's live and ready paths on its HTTP port, and every probe names a declared port")
  void probesCallServedPaths() {
    for (Container container : containers) {
      Launch launch = launch(container);
      if (launch.services().contains(Service.GATEWAY)) {
        assertNotNull(container.body().get("livenessProbe"), container.where() + " livenessProbe: missing; a stuck gateway would never be restarted");
        assertNotNull(container.body().get("readinessProbe"), container.where() + " readinessProbe: missing; the Service would send requests before the gateway can serve them");
      }
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        String where = container.where() + " " + probe;
        Map<String, Object> httpGet = map(at(container.body(), probe, "httpGet"));
        if (!httpGet.isEmpty()) {
          assertTrue(launch.services().contains(Service.GATEWAY), where + ".httpGet: only the gateway serves HTTP, and this pod runs "
              + launch.services().stream().map(Service::label).toList());
          String expected = probe.equals("readinessProbe") ? GatewayVerticle.READY_PATH : GatewayVerticle.LIVE_PATH;
          assertEquals(expected, text(httpGet.get("path")), where + ".httpGet.path: must be " + expected + (expected.equals(GatewayVerticle.LIVE_PATH)
              ? " (GatewayVerticle.LIVE_PATH): " + GatewayVerticle.READY_PATH + " fails whenever a dependency is down, and a failing " + probe + " restarts the pod"
              : " (GatewayVerticle.READY_PATH), the path that says whether the services behind the gateway answer"));
          assertEquals(launch.config().httpPort(), portNumber(container, httpGet.get("port")), where + ".httpGet.port: " + httpGet.get("port")
              + " must be a declared container port that is the HTTP port " + launch.config().httpPort());
        }
        Object tcpPort = at(container.body(), probe, "tcpSocket", "port");
        if (tcpPort != null) {
          assertNotNull(portNumber(container, tcpPort), where + ".tcpSocket.port: " + tcpPort + " is not a declared container port");
        }
      }
    }
  }

  @Test
  @DisplayName("every pod that runs scoring or training mounts the one shared model claim at modelDir, writable for training")
  void modelVolumeAtModelDir() {
    Set<String> claims = new TreeSet<>();
    Set<String> modelDirs = new TreeSet<>();
    List<Manifest> mounting = new ArrayList<>();
    for (Container container : containers) {
      Launch launch = launch(container);
      Set<Service> uses = EnumSet.noneOf(Service.class);
      launch.services().stream().filter(MODEL_DIR_USERS::contains).forEach(uses::add);
      if (uses.isEmpty()) {
        continue;
      }
      String modelDir = launch.config().modelDir();
      assertNotNull(modelDir, container.where() + ": runs " + uses + " but sets no RECSTREAM_MODEL_DIR, so training has nowhere to write packages "
          + "and scoring nowhere to find them");
      Map<String, Object> mount = list(container.body().get("volumeMounts")).stream().map(KubernetesManifests::map)
          .filter(m -> Path.of(text(m.get("mountPath"))).equals(Path.of(modelDir))).findFirst().orElse(null);
      assertNotNull(mount, container.where() + " volumeMounts: nothing is mounted at modelDir " + modelDir + ", so this pod shares no packages with the others and loses its own on restart");
      if (uses.contains(Service.TRAINING)) {
        assertNotEquals(true, mount.get("readOnly"), container.where() + " volumeMounts " + modelDir + ": read-only, but training writes packages there");
      }
      Map<String, Object> volume = list(container.podSpec().get("volumes")).stream().map(KubernetesManifests::map)
          .filter(v -> Objects.equals(v.get("name"), mount.get("name"))).findFirst().orElse(Map.of());
      String claim = text(at(volume, "persistentVolumeClaim", "claimName"));
      assertNotNull(claim, container.where() + " volumes " + mount.get("name") + ": must be a persistentVolumeClaim, so packages outlive the pod "
          + "and every pod sees the same ones");
      claims.add(claim);
      modelDirs.add(modelDir);
      mounting.add(container.workload());
    }
    assertEquals(1, claims.size(), "k8s/: scoring and training must share one model volume claim, found " + claims);
    assertEquals(1, modelDirs.size(), "k8s/: scoring and training must see the packages at one path (the registry stores the paths training writes), found "
        + modelDirs);
    Manifest claim = named("PersistentVolumeClaim", claims.iterator().next());
    assertNotNull(claim, "k8s/: no PersistentVolumeClaim " + claims.iterator().next() + " in the kustomization");
    boolean shared = mounting.size() > 1 || mounting.stream().anyMatch(w -> !Integer.valueOf(1).equals(at(w.body(), "spec", "replicas")));
    if (shared) {
      assertTrue(list(at(claim.body(), "spec", "accessModes")).contains("ReadWriteMany"), claim.where() + " spec.accessModes: "
          + mounting.stream().map(Manifest::name).distinct().toList() + " mount it from pods on several nodes, so it needs ReadWriteMany");
    }
  }

  @Test
  @DisplayName("the README's and the example's `kubectl create secret` commands set every key the manifests read from the Secret")
  void secretCommandsSetEveryKey() throws IOException {
    Set<String> read = new TreeSet<>();
    for (Container container : containers) {
      for (Object variable : list(container.body().get("env"))) {
        Map<String, Object> ref = map(at(variable, "valueFrom", "secretKeyRef"));
        if (secret.name().equals(text(ref.get("name")))) {
          read.add(text(ref.get("key")));
        }
      }
      list(container.body().get("envFrom")).stream().filter(f -> secret.name().equals(text(at(f, "secretRef", "name")))).forEach(f -> read.addAll(secretKeys()));
    }
    assertSecretCommands("README.md", Files.readString(root.resolve("README.md")), read);
    assertSecretCommands("k8s/" + SECRET_EXAMPLE + " (its comment)", Files.readString(k8s.resolve(SECRET_EXAMPLE)).replaceAll("(?m)^#\\s?", ""), read);
  }

  @Test
  @DisplayName("the Dockerfile runs recstream.jar with the manifests' args, as a numeric non-root user, and exposes their ports")
  void dockerfileTakesTheArgs() throws IOException {
    List<String> lines = Files.readAllLines(root.resolve("Dockerfile")).stream().map(String::strip).toList();
    String entrypoint = last(lines, "ENTRYPOINT");
    List<String> argv;
    try {
      argv = new JsonArray(entrypoint).stream().map(String::valueOf).toList();
    } catch (DecodeException e) {
      argv = fail("Dockerfile ENTRYPOINT " + entrypoint + ": must be the exec form [\"java\", …], so the container args follow it and java gets SIGTERM");
    }
    assertEquals(List.of("-jar", "/app/recstream.jar"), argv.subList(Math.max(0, argv.size() - 2), argv.size()),
        "Dockerfile ENTRYPOINT " + argv + ": must end with -jar /app/recstream.jar, since the manifests' args are recstream's command line");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY ") && l.endsWith(" /app/recstream.jar")), "Dockerfile: no COPY puts the jar at /app/recstream.jar");
    String user = last(lines, "USER");
    String uid = user.split(":")[0];
    assertTrue(uid.matches("[0-9]+") && Integer.parseInt(uid) != 0, "Dockerfile USER " + user
        + ": must be a numeric uid other than 0; Kubernetes checks runAsNonRoot against a number");
    Set<Integer> exposed = new TreeSet<>();
    lines.stream().filter(l -> l.startsWith("EXPOSE ")).flatMap(l -> Stream.of(l.substring(7).trim().split("\\s+")))
        .forEach(p -> exposed.add(Integer.parseInt(p.replace("/tcp", ""))));
    for (Container container : containers) {
      for (Integer port : namedPorts(container).values()) {
        assertTrue(exposed.contains(port), container.where() + " ports: " + port + " is not EXPOSEd by the Dockerfile, which has " + exposed);
      }
    }
  }

  // ---- what a container starts ----

  /** Parses the container's args as recstream would and loads the configuration its environment gives. */
  private static Launch launch(Container container) {
    assertNull(container.body().get("command"), container.where() + " command: must not be set; it replaces the image's ENTRYPOINT (Dockerfile) "
        + "and its JVM flags. Give recstream's command line as args");
    List<String> args = list(container.body().get("args")).stream().map(KubernetesManifests::text).toList();
    CommandLine.ParseResult parsed;
    try {
      parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      return fail(container.where() + " args " + args + ": not a recstream command line: " + e.getMessage());
    }
    if (!parsed.hasSubcommand() || !(parsed.subcommand().commandSpec().userObject() instanceof RunCommand run)) {
      return fail(container.where() + " args " + args + ": must start with run, the command that runs services against PostgreSQL and Kafka");
    }
    assertNull(run.node.configFile, container.where() + " args " + args + ": --config names a file the image does not hold; "
        + "settings come from the ConfigMap and env");
    List<Service> services;
    try {
      services = Service.parse(run.node.services);
    } catch (IllegalArgumentException e) {
      return fail(container.where() + " args " + args + ": " + e.getMessage());
    }
    Map<String, String> known = new HashMap<>();
    environment(container).forEach((name, value) -> {
      if (value != null) {
        known.put(name, value);
      }
    });
    try {
      return new Launch(run, services, ConfigLoader.load(RecstreamConfig.defaults(), null, known, run.node.flags()));
    } catch (ConfigException e) {
      return fail(container.where() + ": the configuration this pod starts with is refused: " + e.getMessage());
    }
  }

  /**
   * The variables a container starts with, in Kubernetes' order (envFrom, then env). Values from
   * the Secret are null: the repository holds only placeholders, which the test does not judge.
   */
  private static Map<String, String> environment(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Object from : list(container.body().get("envFrom"))) {
      String prefix = Objects.requireNonNullElse(text(map(from).get("prefix")), "");
      Manifest configMap = named("ConfigMap", text(at(from, "configMapRef", "name")));
      if (configMap != null) {
        map(configMap.body().get("data")).forEach((key, value) -> env.put(prefix + key, text(value)));
      }
      if (at(from, "secretRef", "name") != null) {
        secretKeys().forEach(key -> env.put(prefix + key, null));
      }
    }
    for (Object variable : list(container.body().get("env"))) {
      Map<String, Object> v = map(variable);
      String name = text(v.get("name"));
      Map<String, Object> configMapRef = map(at(v, "valueFrom", "configMapKeyRef"));
      Manifest configMap = named("ConfigMap", text(configMapRef.get("name")));
      if (v.containsKey("value")) {
        env.put(name, text(v.get("value")));
      } else if (at(v, "valueFrom", "fieldRef") != null) {
        env.put(name, "status.podIP".equals(text(at(v, "valueFrom", "fieldRef", "fieldPath"))) ? POD_IP : "pod-field");
      } else if (configMap != null) {
        env.put(name, text(map(configMap.body().get("data")).get(text(configMapRef.get("key")))));
      } else {
        env.put(name, null);
      }
    }
    return env;
  }

  private static void assertSetting(String name, String where) {
    if (name.startsWith("RECSTREAM_")) {
      assertTrue(Setting.byEnvVar(name).isPresent(), where + ": " + name + " is not a recstream setting (no Setting has that environment "
          + "variable), and an unknown RECSTREAM_* variable stops start-up");
    }
  }

  private static void assertSecretCommands(String where, String text, Set<String> read) {
    List<String> lines = text.lines().toList();
    int commands = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher command = SECRET_COMMAND.matcher(lines.get(i));
      if (!command.find()) {
        continue;
      }
      StringBuilder joined = new StringBuilder(lines.get(i));
      while (joined.toString().strip().endsWith("\\") && i + 1 < lines.size()) {
        joined.append(' ').append(lines.get(++i));
      }
      commands++;
      assertEquals(secret.name(), command.group(1), where + ": `kubectl create secret generic " + command.group(1) + "` names another Secret than "
          + secret.where());
      Set<String> set = new TreeSet<>();
      SECRET_KEY.matcher(joined).results().forEach(m -> set.add(m.group(1)));
      Set<String> missing = new TreeSet<>(read);
      missing.removeAll(set);
      assertTrue(missing.isEmpty(), where + ": `kubectl create secret generic " + secret.name() + "` sets " + set + ", but the manifests also read "
          + missing + " from it");
    }
    assertNotEquals(0, commands, where + ": no `kubectl create secret generic " + secret.name() + "` command");
  }

  // ---- looking things up ----

  private static List<Manifest> ofKind(String kind) {
    return manifests.stream().filter(m -> kind.equals(m.kind())).toList();
  }

  private static Manifest named(String kind, String name) {
    return ofKind(kind).stream().filter(m -> Objects.equals(name, m.name())).findFirst().orElse(null);
  }

  private static List<Manifest> workloads() {
    return manifests.stream().filter(m -> at(m.body(), "spec", "template", "spec") != null).toList();
  }

  private static Set<String> secretKeys() {
    Set<String> keys = new TreeSet<>(map(secret.body().get("stringData")).keySet());
    keys.addAll(map(secret.body().get("data")).keySet());
    return keys;
  }

  /** The container's declared ports by name. */
  private static Map<String, Integer> namedPorts(Container container) {
    Map<String, Integer> ports = new HashMap<>();
    for (Object port : list(container.body().get("ports"))) {
      Object number = map(port).get("containerPort");
      ports.put(Objects.requireNonNullElse(text(map(port).get("name")), "#" + number), number instanceof Integer n ? n : null);
    }
    return ports;
  }

  /** A port given by name or number, as the number the container declares; null if it declares none such. */
  private static Integer portNumber(Container container, Object port) {
    Map<String, Integer> ports = namedPorts(container);
    return port instanceof Integer n ? (ports.containsValue(n) ? n : null) : ports.get(text(port));
  }

  /** The argument of the last Dockerfile instruction of that name (the one that applies to the final image). */
  private static String last(List<String> lines, String instruction) {
    return lines.stream().filter(l -> l.startsWith(instruction + " ")).reduce((a, b) -> b)
        .map(l -> l.substring(instruction.length()).strip())
        .orElseGet(() -> fail("Dockerfile: no " + instruction + " instruction"));
  }
}
