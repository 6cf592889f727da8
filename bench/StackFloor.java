package uk.vda.bench.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stack's own start-up floor for bench/startup.sh (FLOOR=1): launched from the service's own jar by Spring Boot's
 * launcher, on the same libraries and the same application.yml, so Spring Boot auto-configures what it configures for
 * the service (Tomcat, MVC, Spring Security's default chain, Actuator, springdoc, the H2 database and its Flyway
 * migrations), but nothing of the advisor's own: no rule set, no audit, no keys. Its first answer is GET /floor,
 * which answers through Spring Security's default chain with 401 (nobody is logged in).
 */
@SpringBootApplication
@RestController
public class StackFloor {
    public static void main(String[] args) {
        SpringApplication.run(StackFloor.class, args);
    }

    @GetMapping("/floor")
    String floor() {
        return "floor";
    }
}
