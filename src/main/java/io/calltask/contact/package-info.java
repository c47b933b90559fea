/**
 * The contact policy of API.md section 10: what protects the people called across all of a user's
 * tasks. API: {@link io.calltask.contact.CalleePhones}, a phone as the policy counts it (E.164) and
 * the zones it is called in.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact policy")
package io.calltask.contact;
