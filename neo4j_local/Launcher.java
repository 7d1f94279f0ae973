import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Embedded Neo4j Community with only a Bolt connector on 127.0.0.1.
 *
 * <p>Usage: {@code java -cp 'lib/*:build' Launcher DATA_DIR PORT [PARENT_PID]}. Prints
 * {@code NEO4J_LOCAL_READY bolt://127.0.0.1:PORT} once the default database is available and
 * shuts down cleanly on SIGTERM. With PARENT_PID it also shuts down when that process exits.
 */
public final class Launcher {
    private static volatile DatabaseManagementService service;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Launcher DATA_DIR PORT [PARENT_PID]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::shutdown, "neo4j-local-shutdown"));
        if (args.length > 2) {
            exitWith(Long.parseLong(args[2]));
        }
        try {
            start(home, port);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            e.printStackTrace();
            System.out.println("NEO4J_LOCAL_FAILED " + root);
            System.exit(1);
        }
        System.out.println("NEO4J_LOCAL_READY bolt://127.0.0.1:" + port);
        System.out.flush();
        new CountDownLatch(1).await(); // run until SIGTERM/SIGINT; the shutdown hook stops Neo4j
    }

    private static void start(Path home, int port) {
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        service = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.mebiBytes(Long.getLong("sge.pagecache.mb", 256L)))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt's netty waits 5 s of "quiet" after the databases are already checkpointed.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
        if (!service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(TimeUnit.MINUTES.toMillis(5))) {
            throw new IllegalStateException("default database did not become available");
        }
    }

    /** Exit (running the shutdown hook) when the given process is gone. */
    private static void exitWith(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }

    private static void shutdown() {
        DatabaseManagementService s = service;
        if (s != null) {
            s.shutdown();
            System.out.println("NEO4J_LOCAL_STOPPED");
            System.out.flush();
        }
    }

    private Launcher() {}
}
