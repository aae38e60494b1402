package crm.operaton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Boots Operaton's Spring Boot starters; everything else is configuration (application.yaml). */
@SpringBootApplication
public class OperatonApplication {
  public static void main(String[] args) {
    SpringApplication.run(OperatonApplication.class, args);
  }
}
