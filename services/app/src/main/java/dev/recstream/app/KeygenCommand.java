package dev.recstream.app;

import dev.recstream.shared.security.ApiKeys;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recstream keygen}: makes a random API key and the configuration entry that accepts it.
 * The key is shown once; only its hash goes into configuration.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Make an API key and its RECSTREAM_API_KEYS entry (name:roles:sha256).")
final class KeygenCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name for the key (logs, rate limits).")
  String name;

  @Option(names = "--roles", required = true, split = ",", paramLabel = "ROLE", description = "ingest, read and/or admin.")
  List<String> roles;

  @Override
  public Integer call() {
    String key = ApiKeys.generate();
    String entry = name + ":" + String.join("+", roles) + ":" + ApiKeys.hash(key);
    ApiKeys.parseEntry(entry); // names a bad name or role (exit status 2)
    PrintWriter out = spec.commandLine().getOut();
    out.println("key    " + key);
    out.println("entry  " + entry);
    out.println("Give the key to the client (Authorization: Bearer <key>); add the entry to RECSTREAM_API_KEYS.");
    out.flush();
    return 0;
  }
}
