package io.stave.infrastructure.startup;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What went wrong at start-up, per check, for the health endpoint and the logs. */
@ApplicationScoped
public class PlatformStatus {
  private final Map<String, String> failures = new ConcurrentHashMap<>();

  public void failed(String check, String message) {
    failures.put(check, message);
  }

  public Optional<String> failure(String check) {
    return Optional.ofNullable(failures.get(check));
  }
}
