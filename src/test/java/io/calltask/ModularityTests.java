package io.calltask;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries: each top-level package is a module, only its top package is its API,
 * and dependencies run one way (task → line, catalog, schedule, seat, agent; nothing → task).
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(CalltaskApplication.class);

	@Test
	void modulesOnlyUseEachOthersApisAndHaveNoCycles() {
		modules.verify();
	}

	@Test
	void referencedModulesDoNotDependOnTasks() {
		for (String name : new String[] { "line", "catalog", "schedule", "seat", "agent", "api", "time" }) {
			var module = modules.getModuleByName(name).orElseThrow(() -> new AssertionError("module " + name));
			var task = modules.getModuleByName("task").orElseThrow();
			assertThat(module.getDirectDependencies(modules).contains(task)).as(name + " → task").isFalse();
		}
	}

	@Test
	void freeSwitchOnlyKnowsTheGatewaySeamAndNothingKnowsFreeSwitch() {
		var freeswitch = modules.getModuleByName("freeswitch").orElseThrow(() -> new AssertionError("module freeswitch"));
		assertThat(freeswitch.getDirectDependencies(modules).uniqueModules().map(m -> m.getIdentifier().toString()))
			.containsExactly("dialer");
		for (var module : modules) {
			assertThat(module.getDirectDependencies(modules).contains(freeswitch)).as(module.getIdentifier() + " → freeswitch")
				.isFalse();
		}
		assertThat(freeswitch.getDirectDependencies(modules).stream().map(d -> d.getTargetType().getPackageName()))
			.as("what freeswitch uses of other modules").isNotEmpty().allMatch(p -> p.equals("io.calltask.dialer.spi"));
	}

	@Test
	void nothingTheDialerRunsOnDependsOnTheDialer() {
		var dialer = modules.getModuleByName("dialer").orElseThrow(() -> new AssertionError("module dialer"));
		for (String name : new String[] { "task", "line", "catalog", "schedule", "seat", "agent", "api" }) {
			var module = modules.getModuleByName(name).orElseThrow(() -> new AssertionError("module " + name));
			assertThat(module.getDirectDependencies(modules).contains(dialer)).as(name + " → dialer").isFalse();
		}
	}

	/**
	 * Inside the dialer, the features the API serves (numbers, blacklist, call records) never reach
	 * into the engine, and the engine knows its gateway only through the seam.
	 */
	@Test
	void theDialersFeaturesStayOutOfItsEngineAndTheEngineKnowsNoGateway() {
		JavaClasses dialer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.calltask.dialer");
		assertThat(dialer.stream().map(c -> c.getPackageName()).distinct())
			.contains("io.calltask.dialer.number", "io.calltask.dialer.blacklist", "io.calltask.dialer.callrecord",
					"io.calltask.dialer.engine", "io.calltask.dialer.simulated", "io.calltask.dialer.spi");
		noClasses().that()
			.resideInAnyPackage("io.calltask.dialer.number..", "io.calltask.dialer.blacklist..",
					"io.calltask.dialer.callrecord..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.calltask.dialer.engine..", "io.calltask.dialer.simulated..")
			.check(dialer);
		noClasses().that()
			.resideInAPackage("io.calltask.dialer.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.calltask.dialer.simulated..", "io.calltask.freeswitch..")
			.check(dialer);
	}

	/** The cluster (lease, node ids, role) knows nothing of what runs under it: the engine asks it. */
	@Test
	void theClusterKnowsNothingOfTheEngineOrTheFeatures() {
		JavaClasses dialer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.calltask.dialer");
		noClasses().that()
			.resideInAPackage("io.calltask.dialer.cluster..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.calltask.dialer.engine..", "io.calltask.dialer.number..",
					"io.calltask.dialer.blacklist..", "io.calltask.dialer.callrecord..", "io.calltask.dialer.simulated..",
					"io.calltask.dialer.spi..")
			.check(dialer);
		noClasses().that()
			.resideInAnyPackage("io.calltask.dialer.number..", "io.calltask.dialer.blacklist..",
					"io.calltask.dialer.callrecord..", "io.calltask.dialer.simulated..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.calltask.dialer.cluster..")
			.check(dialer);
	}

}
