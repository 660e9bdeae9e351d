package dev.recstream.shared.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Builds a {@link RecstreamConfig} from, in rising precedence: defaults, a JSON or YAML file,
 * {@code RECSTREAM_*} environment variables, and command-line flags (CONTRACT §5). An unknown or
 * malformed setting throws {@link ConfigException} with a sentence that names it.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param defaults the base values (e.g. {@link RecstreamConfig#defaults()} with a mode's overrides)
   * @param file a JSON ({@code .json}) or YAML file of setting keys, or null
   * @param env the process environment; every {@code RECSTREAM_*} variable must be a known setting
   * @param flags values given on the command line, keyed by setting
   */
  public static RecstreamConfig load(JsonObject defaults, Path file, Map<String, String> env, Map<Setting, Object> flags) {
    JsonObject merged = defaults.copy();
    if (file != null) {
      readFile(file).forEach((key, value) -> merged.put(key, fromFile(file, key, value)));
    }
    env.forEach((name, value) -> {
      if (name.startsWith("RECSTREAM_")) {
        Setting setting = Setting.byEnvVar(name).orElseThrow(() -> new ConfigException(
            "unknown environment variable " + name + "; known settings: " + String.join(", ", Setting.envVars())));
        merged.put(setting.key(), SettingParser.parse(setting, value, "environment variable " + name));
      }
    });
    flags.forEach((setting, value) -> merged.put(setting.key(), SettingParser.parse(setting, value, "option for " + setting.key())));
    return RecstreamConfig.fromJson(merged);
  }

  private static Object fromFile(Path file, String key, Object value) {
    Setting setting = Setting.byKey(key).orElseThrow(() -> new ConfigException(
        "unknown setting '" + key + "' in " + file + "; known keys: "
            + String.join(", ", java.util.Arrays.stream(Setting.values()).map(Setting::key).toList())));
    return SettingParser.parse(setting, value, file + " key " + key);
  }

  private static Map<String, Object> readFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".json")) {
      try {
        return new JsonObject(text).getMap();
      } catch (DecodeException e) {
        throw new ConfigException("the configuration file " + file + " is not valid JSON: " + e.getMessage());
      }
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return readYaml(file, text);
    }
    throw new ConfigException("the configuration file " + file + " must end in .json, .yaml or .yml");
  }

  private static Map<String, Object> readYaml(Path file, String text) {
    try {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
      if (doc == null) {
        return Map.of();
      }
      if (!(doc instanceof Map<?, ?> map)) {
        throw new ConfigException("the configuration file " + file + " must hold a mapping of setting keys to values");
      }
      java.util.LinkedHashMap<String, Object> result = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), v));
      return result;
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new ConfigException("the configuration file " + file + " is not valid YAML: " + e.getMessage());
    }
  }
}
