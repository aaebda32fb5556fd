package org.jisr.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Jisr gateway: the only Spring Boot application of the project. */
@SpringBootApplication
public class JisrApplication {

    public static void main(String[] args) {
        SpringApplication.run(JisrApplication.class, args);
    }
}
