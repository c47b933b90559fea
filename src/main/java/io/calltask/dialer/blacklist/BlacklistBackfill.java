package io.calltask.dialer.blacklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.calltask.contact.CalleePhones;
import io.calltask.contact.PhoneSpellings;
import io.calltask.dialer.blacklist.BlacklistRepository.Stored;
import io.calltask.dialer.number.NumberRepository;

/**
 * Entries stored before the blacklist matched by person (migration V24) get their E.164 and spellings
 * once, at start-up, before the service takes requests or dials: E.164 comes from libphonenumber, which
 * SQL has not. Each user's entries under the user's exclusive number lock, as every blacklist change.
 */
@Component
class BlacklistBackfill implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(BlacklistBackfill.class);

	private static final int CHUNK = 1000;

	private final BlacklistRepository blacklist;

	private final NumberRepository numbers;

	private final CalleePhones callees;

	private final PhoneSpellings spellings;

	private final TransactionTemplate transaction;

	BlacklistBackfill(BlacklistRepository blacklist, NumberRepository numbers, CalleePhones callees,
			PhoneSpellings spellings, PlatformTransactionManager transactions) {
		this.blacklist = blacklist;
		this.numbers = numbers;
		this.callees = callees;
		this.spellings = spellings;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Override
	public void afterSingletonsInstantiated() {
		long filled = 0;
		List<Stored> stored;
		while (!(stored = blacklist.withoutE164(CHUNK)).isEmpty()) {
			Map<UUID, List<String>> byUser = new TreeMap<>();
			stored.forEach(s -> byUser.computeIfAbsent(s.userId(), k -> new ArrayList<>()).add(s.phone()));
			byUser.forEach(this::fill);
			filled += stored.size();
		}
		if (filled > 0) {
			log.info("Blacklist: {} entries now matched by E.164", filled);
		}
	}

	private void fill(UUID userId, List<String> phones) {
		numbers.ensureUserLock(userId);
		transaction.executeWithoutResult(status -> {
			numbers.lockUserExclusive(userId);
			Map<String, String> spelled = new LinkedHashMap<>();
			for (String phone : phones) {
				String e164 = callees.e164(phone);
				blacklist.setE164(userId, phone, e164);
				spellings.of(e164).forEach(s -> spelled.putIfAbsent(s, e164));
				spelled.putIfAbsent(phone, e164);
			}
			blacklist.addSpellings(userId, spelled);
		});
	}

}
