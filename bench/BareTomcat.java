import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Bare Tomcat for bench/load.sh: the service's own embedded Tomcat (its jar's lib folder on the class path), 16
 * worker threads like the service, one plain servlet that reads the request body and writes 600 bytes of JSON. No
 * Spring, no security, no JSON library: what this machine's HTTP stack costs with nothing on top.
 *   java -cp 'extracted/lib/*' bench/BareTomcat.java PORT
 */
public class BareTomcat {
    public static void main(String[] args) throws Exception {
        byte[] answer = ("{\"client\":\"bench\",\"scopes\":[" + "{\"value\":\"decide\",\"description\":\"" + "x".repeat(520)
                + "\"}]}").getBytes(StandardCharsets.UTF_8);
        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("bare-tomcat").toFile();
        base.deleteOnExit();
        tomcat.setBaseDir(base.getPath());
        tomcat.setPort(Integer.parseInt(args[0]));
        tomcat.getConnector().setProperty("maxThreads", "16");
        Context context = tomcat.addContext("", base.getPath());
        Tomcat.addServlet(context, "plain", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                try (InputStream in = request.getInputStream()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                response.setContentType("application/json");
                response.setContentLength(answer.length);
                response.getOutputStream().write(answer);
            }
        });
        context.addServletMappingDecoded("/*", "plain");
        tomcat.start();
        tomcat.getServer().await();
    }
}
