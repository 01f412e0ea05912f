package io.stave.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients posting decisions one after another until stopped or the server stops answering; the id
 * of every decision answered 200 is kept (the same check as bench/faults/FaultClient.java).
 */
final class DecisionLoad implements AutoCloseable {
  private static final Pattern DECISION_ID = Pattern.compile("\"decisionId\"\\s*:\\s*\"([^\"]+)\"");
  private static final String[] USE_TYPES = {"AI_CURATION", "AI_VOICEOVER", "AI_TRAINING"};

  private final List<String> acknowledged = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
  private final ExecutorService clients;
  private volatile boolean stopping;

  DecisionLoad(StaveNode node, int clientCount) {
    clients = Executors.newFixedThreadPool(clientCount);
    for (int i = 0; i < clientCount; i++) {
      clients.submit(() -> post(node.as("client")));
    }
  }

  private void post(StaveClient client) {
    while (!stopping) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String body =
          String.format(
              "{\"feature\":\"fault-check\",\"useType\":\"%s\","
                  + "\"isrc\":\"GBQZS26%05d\",\"territory\":\"SE\"}",
              USE_TYPES[random.nextInt(USE_TYPES.length)], random.nextInt(300));
      try {
        HttpResponse<String> response = client.postJson("decisions", body);
        outcomes
            .computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicInteger())
            .incrementAndGet();
        if (response.statusCode() == 200) {
          Matcher id = DECISION_ID.matcher(response.body());
          if (!id.find()) {
            throw new AssertionError("a 200 without a decision id: " + response.body());
          }
          acknowledged.add(id.group(1));
        }
      } catch (IOException e) {
        outcomes.computeIfAbsent("no answer", k -> new AtomicInteger()).incrementAndGet();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  List<String> acknowledged() {
    return acknowledged;
  }

  int count(String outcome) {
    AtomicInteger count = outcomes.get(outcome);
    return count == null ? 0 : count.get();
  }

  /** Waits until every client has stopped (after {@link #close} or when the server is gone). */
  void awaitEnd() throws InterruptedException {
    clients.shutdown();
    if (!clients.awaitTermination(120, TimeUnit.SECONDS)) {
      throw new AssertionError("the decision clients did not stop: " + this);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    awaitEnd();
  }

  @Override
  public String toString() {
    return "acknowledged " + acknowledged.size() + ", outcomes " + new TreeMap<>(outcomes);
  }
}
