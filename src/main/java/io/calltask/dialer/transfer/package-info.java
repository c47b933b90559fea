/** The API's way to hand a call to a person ({@code …/call/{callid}/transfer}), for bots outside the switch. */
package io.calltask.dialer.transfer;
