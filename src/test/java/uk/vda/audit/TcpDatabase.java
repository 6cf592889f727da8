package uk.vda.audit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/** A real H2 server over TCP on a free port, for tests that take the service's database away and bring it back. */
final class TcpDatabase {
    private final int port = freePort();
    private final Path dir;
    private Server server;

    TcpDatabase(String name) {
        this.dir = Path.of("target", name + "-" + ProcessHandle.current().pid());
        start();
    }

    String url() {
        return "jdbc:h2:tcp://localhost:" + port + "/./advisor";
    }

    /** Starts it again on the same port and folder, as a database that comes back would. */
    void start() {
        try {
            Files.createDirectories(dir);
            server = Server.createTcpServer(
                            "-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists")
                    .start();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
