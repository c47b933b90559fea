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
	void nothingTheDialerRunsOnDependsOnTheDialer() {
		var dialer = modules.getModuleByName("dialer").orElseThrow(() -> new AssertionError("module dialer"));
		for (String name : new String[] { "task", "line", "catalog", "schedule", "agent", "api" }) {
			var module = modules.getModuleByName(name).orElseThrow(() -> new AssertionError("module " + name));
			assertThat(module.getDirectDependencies(modules).contains(dialer)).as(name + " → dialer").isFalse();
		}
	}

}
