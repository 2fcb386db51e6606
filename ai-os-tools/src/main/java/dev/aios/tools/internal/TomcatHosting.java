package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An embedded Tomcat serving one servlet behind one filter, on every path. */
public final class TomcatHosting implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TomcatHosting.class);

    private final Tomcat tomcat;

    private TomcatHosting(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    /**
     * @param port the port, or 0 for any free one ({@link #port()} tells which)
     * @throws AiOsException if it cannot start (the port is taken, say)
     */
    public static TomcatHosting start(String host, int port, HttpServlet servlet, Filter filter) {
        Tomcat tomcat = new Tomcat();
        Path base;
        try {
            base = Files.createTempDirectory("aios-mcp-tomcat");
        } catch (IOException e) {
            throw AiOsException.retriable("cannot create a work folder for the MCP HTTP server: " + e.getMessage(), e);
        }
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname(host);
        tomcat.getConnector().setPort(port);
        tomcat.getConnector().setProperty("address", host);
        // Tomcat ends a kept-alive connection after its 100th request. A client that sent its
        // next request on that connection before reading the close (the MCP SDK's, on a busy
        // machine) saw "header parser received no bytes". MCP clients keep one or two
        // connections busy for a session's life; the cap only spreads a public server's load.
        tomcat.getConnector().setProperty("maxKeepAliveRequests", "-1");
        Context context = tomcat.addContext("", base.toString());
        if (context instanceof org.apache.catalina.core.StandardContext standard) {
            // No web application to leak from; these checks only warn about JVM flags.
            standard.setClearReferencesThreadLocals(false);
            standard.setClearReferencesRmiTargets(false);
        }
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", servlet);
        wrapper.setAsyncSupported(true);
        wrapper.addMapping("/*");
        FilterDef gate = new FilterDef();
        gate.setFilterName("gate");
        gate.setFilter(filter);
        gate.setAsyncSupported("true");
        context.addFilterDef(gate);
        FilterMap map = new FilterMap();
        map.setFilterName("gate");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw AiOsException.permanent("cannot start the MCP HTTP server on " + host + ":" + port + ": "
                    + e.getMessage() + "; is the port free?", e);
        }
        if (tomcat.getConnector().getLocalPort() < 0) {
            stop(tomcat);
            throw AiOsException.permanent("cannot start the MCP HTTP server on " + host + ":" + port + "; is the port free?");
        }
        return new TomcatHosting(tomcat);
    }

    /** @return the port it listens on */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() {
        stop(tomcat);
    }

    private static void stop(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            log.warn("stopping the MCP HTTP server failed: {}", e.toString());
        }
    }
}
