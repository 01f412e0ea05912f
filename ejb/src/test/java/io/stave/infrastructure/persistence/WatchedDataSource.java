package io.stave.infrastructure.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A data source that shows a test every connection it hands out, before the caller gets it: to
 * count them, keep them, or hold a caller at that point.
 */
public final class WatchedDataSource {
  private WatchedDataSource() {}

  /** What the test does with each connection handed out. */
  @FunctionalInterface
  public interface Watcher {
    void handedOut(Connection connection) throws Exception;
  }

  public static DataSource of(DataSource target, Watcher watcher) {
    return (DataSource)
        Proxy.newProxyInstance(
            WatchedDataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (result instanceof Connection connection) {
                watcher.handedOut(connection);
              }
              return result;
            });
  }
}
