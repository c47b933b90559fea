/**
 * A user's blacklist (DNC): adding a phone filters its waiting numbers in every live task, removing
 * it puts them back. Internal: used through its web controller only.
 */
package io.calltask.dialer.blacklist;
