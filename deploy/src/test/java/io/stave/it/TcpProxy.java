package io.stave.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of a database, which the test can cut (as if the database had
 * stopped: open connections are closed, new ones refused) and restore, on the same port; or turn
 * into a black hole (as if the network dropped every packet: connections stay open and new ones are
 * accepted, but nothing comes back) and heal (new connections work; those that fell into the hole
 * stay silent, as if the database host had been replaced). Only 127.0.0.1 on both sides.
 */
final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Socket> silenced = ConcurrentHashMap.newKeySet();
  private volatile boolean blackHole;
  private volatile ServerSocket listener;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    acceptOn(listener);
  }

  int port() {
    return port;
  }

  /** The database is gone: every open connection is closed and new ones are refused. */
  synchronized void cut() throws IOException {
    listener.close();
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** The database is back on the same address. */
  synchronized void restore() throws IOException {
    if (listener.isClosed()) {
      listener = listen(port);
      acceptOn(listener);
    }
  }

  /** Nothing more reaches either side, on open connections and on new ones. */
  synchronized void blackHole() {
    blackHole = true;
    silenced.addAll(open);
  }

  /** New connections reach the database again; those silenced stay silent. */
  synchronized void heal() {
    blackHole = false;
  }

  @Override
  public void close() throws IOException {
    silenced.forEach(TcpProxy::closeQuietly);
    cut();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return socket;
  }

  private void acceptOn(ServerSocket server) {
    daemon(
        "proxy-accept-" + port,
        () -> {
          while (!server.isClosed()) {
            Socket client;
            try {
              client = server.accept();
            } catch (IOException closed) {
              return;
            }
            try {
              Socket database = new Socket(InetAddress.getLoopbackAddress(), targetPort);
              open.add(client);
              open.add(database);
              if (blackHole) {
                silenced.add(client);
                silenced.add(database);
              }
              daemon("proxy-up", () -> pump(client, database));
              daemon("proxy-down", () -> pump(database, client));
            } catch (IOException e) {
              closeQuietly(client);
            }
          }
        });
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16_384];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (silenced.contains(from) || silenced.contains(to)) {
          continue; // swallowed: the other side waits for an answer that never comes
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed or was cut: close both
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }
}
