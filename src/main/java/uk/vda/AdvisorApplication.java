package uk.vda;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import uk.vda.ruleset.RulesCommand;
import uk.vda.security.KeysCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AdvisorApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("keys")) {
            System.exit(KeysCommand.run(AdvisorApplication.class, args, System.out));
        }
        if (args.length > 0 && args[0].equals("rules")) {
            System.exit(RulesCommand.run(args, System.out));
        }
        SpringApplication.run(AdvisorApplication.class, args);
    }
}
