package io.calltask;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries: each top-level package is a module, only its top package is its API,
 * and dependencies run one way (task → line, catalog, schedule, agent; nothing → task).
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(CalltaskApplication.class);

	@Test
	void modulesOnlyUseEachOthersApisAndHaveNoCycles() {
		modules.verify();
	}

	@Test
	void referencedModulesDoNotDependOnTasks() {
		for (String name : new String[] { "line", "catalog", "schedule", "agent", "api" }) {
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
		for (String name : new String[] { "task", "line", "catalog", "schedule", "agent", "api" }) {
			var module = modules.getModuleByName(name).orElseThrow(() -> new AssertionError("module " + name));
			assertThat(module.getDirectDependencies(modules).contains(dialer)).as(name + " → dialer").isFalse();
		}
	}

}
