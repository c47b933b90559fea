/**
 * What a task refers to besides lines and hours: 话术组 (bot script groups), recycle (redial)
 * rules, LLM intention-label configs and background sounds. API: the records, {@link io.calltask.catalog.Catalog},
 * {@link io.calltask.catalog.CatalogReferences} (implemented by the modules that use the items).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package io.calltask.catalog;
