package io.calltask;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CalltaskApplication {

	public static void main(String[] args) {
		SpringApplication.run(CalltaskApplication.class, args);
	}

}
