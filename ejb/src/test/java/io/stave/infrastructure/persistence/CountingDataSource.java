package io.stave.infrastructure.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** A data source that counts the statements prepared through it: the database queries made. */
public final class CountingDataSource {
  private final AtomicLong statements = new AtomicLong();
  private final DataSource dataSource;

  public CountingDataSource(DataSource target) {
    this.dataSource =
        proxy(
            DataSource.class,
            target,
            (method, result) ->
                method.getName().equals("getConnection")
                    ? proxy(
                        Connection.class,
                        (Connection) result,
                        (connectionMethod, statement) -> {
                          String name = connectionMethod.getName();
                          if (name.equals("prepareStatement") || name.equals("createStatement")) {
                            statements.incrementAndGet();
                          }
                          return statement;
                        })
                    : result);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public long statements() {
    return statements.get();
  }

  private interface AfterCall {
    Object apply(java.lang.reflect.Method method, Object result);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, AfterCall after) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          try {
            return after.apply(method, method.invoke(target, args));
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (T)
        Proxy.newProxyInstance(
            CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
