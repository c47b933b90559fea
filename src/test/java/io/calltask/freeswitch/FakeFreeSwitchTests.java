package io.calltask.freeswitch;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The test peer speaks FreeSWITCH's exact bytes: read over a plain socket, so nothing of the
 * client's own decoding is trusted to check it.
 */
class FakeFreeSwitchTests {

	private static final String AUTH_REQUEST = "Content-Type: auth/request\n\n";

	private static final String ACCEPTED = "Content-Type: command/reply\nReply-Text: +OK accepted\n\n";

	private static final String NOTICE = "Content-Type: text/disconnect-notice\nContent-Length: 67\n\n"
			+ "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

	private static final String U1 = "6b5e8f1c-2d1a-4c4e-9d8e-0f1a2b3c4d01";

	private static final String U2 = "6b5e8f1c-2d1a-4c4e-9d8e-0f1a2b3c4d02";

	private final FakeFreeSwitch fs = new FakeFreeSwitch("ClueCon", 42);

	private final List<Wire> wires = new ArrayList<>();

	@AfterEach
	void close() throws IOException {
		for (Wire wire : wires) {
			wire.close();
		}
		fs.close();
	}

	@Test
	void asksForAuthAndAcceptsTheRightPassword() throws IOException {
		Wire wire = connect();
		wire.expect(AUTH_REQUEST);
		wire.send("auth ClueCon\n\n");
		wire.expect(ACCEPTED);
		assertThat(fs.auths()).isEqualTo(1);
		assertThat(fs.commands()).containsExactly("auth ClueCon");
	}

	@Test
	void refusesAWrongPasswordThenSaysGoodbyeAndCloses() throws IOException {
		Wire wire = connect();
		wire.expect(AUTH_REQUEST);
		wire.send("auth nope\n\n");
		wire.expect("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n" + NOTICE);
		assertThat(wire.atEndOfStream()).isTrue();
		assertThat(fs.auths()).isZero();
	}

	@Test
	void knowsNoCommandBeforeAuth() throws IOException {
		Wire wire = connect();
		wire.expect(AUTH_REQUEST);
		wire.send("api status\n\nevent plain ALL\n\n");
		wire.expect("Content-Type: command/reply\nReply-Text: -ERR command not found\n\n"
				+ "Content-Type: command/reply\nReply-Text: -ERR command not found\n\n");
		wire.send("auth ClueCon\n\n");
		wire.expect(ACCEPTED);
	}

	@Test
	void exitSaysByeThenGoodbyeAndCloses() throws IOException {
		Wire wire = login();
		wire.send("exit\n\n");
		wire.expect("Content-Type: command/reply\nReply-Text: +OK bye\n\n" + NOTICE);
		assertThat(wire.atEndOfStream()).isTrue();
	}

	@Test
	void hangsUpOnAConnectionThatDoesNotAuthenticateInTime() throws IOException {
		fs.idleTimeout(Duration.ofMillis(1000));
		Wire silent = connect();
		Wire authenticated = login();
		Wire trying = connect();
		trying.expect(AUTH_REQUEST);
		trying.send("api status\n\n");
		trying.expect(reply("-ERR command not found"));
		silent.expect(AUTH_REQUEST);
		silent.expect(NOTICE);
		assertThat(silent.atEndOfStream()).isTrue();
		trying.expect(NOTICE);
		assertThat(trying.atEndOfStream()).isTrue();
		assertThat(authenticated.silentFor(Duration.ofMillis(1500))).as("no timeout once authenticated").isTrue();
	}

	@Test
	void repliesToEventSubscriptions() throws IOException {
		Wire wire = login();
		wire.send("event plain CHANNEL_ANSWER NO_SUCH_EVENT\n\n");
		wire.expect(reply("+OK event listener enabled plain"));
		wire.send("event json NOT_AN_EVENT\n\n");
		wire.expect(reply("-ERR no keywords supplied"));
		wire.send("event json ALL\n\n");
		wire.expect(reply("+OK event listener enabled json"));
		wire.send("noevents\n\n");
		wire.expect(reply("+OK no longer listening for events"));
	}

	@Test
	void answersTheOtherListenerCommandsAsAnInboundSocketDoes() throws IOException {
		Wire wire = login();
		wire.send("noevents\n\n");
		wire.expect(reply("-ERR not listening for events"));
		wire.send("linger\n\n");
		wire.expect(reply("-ERR not controlling a session"));
		wire.send("nixevent NOT_AN_EVENT\n\n");
		wire.expect(reply("-ERR no keywords supplied"));
		wire.send("filter Unique-ID\n\n");
		wire.expect(reply("-ERR invalid syntax"));
		wire.send("filter add Event-Name HEARTBEAT\n\n");
		wire.expect(reply("+OK filter added. [Event-Name]=[HEARTBEAT]"));
		wire.send("filter delete Event-Name HEARTBEAT\n\n");
		wire.expect(reply("+OK filter deleted. [Event-Name][HEARTBEAT]"));
		wire.send("filter delete all\n\n");
		wire.expect(reply("+OK filter deleted. [all][]"));
		wire.send("sendmsg\n\n");
		wire.expect(reply("-ERR command not found"));

		// Everything but the heartbeat: ALL, then one event taken out of it.
		subscribe(wire, "plain", "ALL");
		wire.send("nixevent HEARTBEAT\n\n");
		wire.expect(reply("+OK events nixed"));
		fs.heartbeat(Duration.ofMillis(20));
		fs.fire(fs.newEvent("CHANNEL_CREATE"));
		Event next = wire.event();
		assertThat(next.first("Event-Name")).isEqualTo("CHANNEL_CREATE");
		assertThat(wire.silentFor(Duration.ofMillis(200))).as("no heartbeats").isTrue();
	}

	@Test
	void hupallEndsTheChannelsMatchingAVariable() throws IOException {
		fs.script(CallScript.neverEnds());
		Wire wire = login();
		subscribe(wire, "plain", "CHANNEL_HANGUP_COMPLETE");
		wire.send("bgapi originate {origination_uuid=" + U1 + ",dialer_call_id=771}sofia/gateway/gw1/1 102 XML default\n\n");
		wire.frame();
		wire.send("bgapi originate {origination_uuid=" + U2 + ",dialer_call_id=772}sofia/gateway/gw1/2 102 XML default\n\n");
		wire.frame();
		wire.send("api hupall ORIGINATOR_CANCEL dialer_call_id 771\n\n");
		wire.expect(apiResponse("+OK hangup all channels matching [dialer_call_id]=[771] with cause: ORIGINATOR_CANCEL\n"));
		Event hangup = wire.event();
		assertThat(hangup.first("Unique-ID")).isEqualTo(U1);
		assertThat(hangup.first("Hangup-Cause")).isEqualTo("ORIGINATOR_CANCEL");
		assertThat(fs.liveChannels()).containsExactly(U2);
		wire.send("api hupall\n\n");
		wire.expect(apiResponse("+OK hangup all channels with cause MANAGER_REQUEST\n"));
		assertThat(wire.event().first("Hangup-Cause")).isEqualTo("MANAGER_REQUEST");
	}

	@Test
	void answersApiCommandsWithAContentLength() throws IOException {
		Wire wire = login();
		wire.send("api uuid_exists " + U1 + "\n\n");
		wire.expect("Content-Type: api/response\nContent-Length: 5\n\nfalse");
		wire.send("api uuid_kill " + U1 + " ORIGINATOR_CANCEL\n\n");
		wire.expect(apiResponse("-ERR No Such Channel!\n"));
		wire.send("api uuid_kill\n\n");
		wire.expect(apiResponse("-USAGE: <uuid> [cause]\n"));
		wire.send("api frobnicate now\n\n");
		wire.expect(apiResponse("-ERR frobnicate Command not found!\n"));
		wire.send("api status\n\n");
		Frame status = wire.frame();
		assertThat(status.head()).startsWith("Content-Type: api/response\nContent-Length: ");
		assertThat(status.text()).startsWith("UP 0 years, 0 days").contains("is ready");
	}

	@Test
	void repliesToBgapiBeforeTheJobsEvent() throws IOException {
		fs.script(CallScript.gatewayDown());
		Wire wire = login();
		subscribe(wire, "plain", "BACKGROUND_JOB CHANNEL_CREATE CHANNEL_HANGUP_COMPLETE");
		String arguments = "{origination_uuid=" + U1 + ",dialer_call_id=771}sofia/gateway/gw1/13800000000 102 XML default";
		wire.send("bgapi originate " + arguments + "\nJob-UUID: job-1\n\n");
		wire.expect("Content-Type: command/reply\nReply-Text: +OK Job-UUID: job-1\nJob-UUID: job-1\n\n");

		Frame job = wire.frame();
		assertThat(job.head()).isEqualTo("Content-Length: " + job.body().length + "\nContent-Type: text/event-plain\n\n");
		assertThat(job.text()).startsWith("Event-Name: BACKGROUND_JOB\nCore-UUID: " + fs.coreUuid() + "\n")
			.contains("\nJob-UUID: job-1\nJob-Command: originate\nJob-Command-Arg: "
					+ "%7Borigination_uuid%3D" + U1 + ",dialer_call_id%3D771%7Dsofia/gateway/gw1/13800000000%20102%20XML%20default\n")
			.endsWith("\nContent-Length: 18\n\n-ERR GATEWAY_DOWN\n");

		// No channel: the next thing on the wire is the next reply, and a job uuid is made up when none is given.
		wire.send("bgapi uuid_exists " + U1 + "\n\n");
		Frame reply = wire.frame();
		Matcher made = Pattern.compile("Content-Type: command/reply\nReply-Text: \\+OK Job-UUID: ([0-9a-f-]{36})\nJob-UUID: \\1\n\n")
			.matcher(reply.head());
		assertThat(made.matches()).as(reply.head()).isTrue();
		Frame existsJob = wire.frame();
		assertThat(existsJob.text()).contains("\nJob-UUID: " + made.group(1) + "\nJob-Command: uuid_exists\n")
			.endsWith("\nContent-Length: 5\n\nfalse");
		assertThat(fs.liveChannels()).isEmpty();
		assertThat(fs.originates()).singleElement().satisfies(originate -> {
			assertThat(originate.jobUuid()).isEqualTo("job-1");
			assertThat(originate.uuid()).isEqualTo(U1);
			assertThat(originate.gateway()).isEqualTo("gw1");
		});
	}

	@Test
	void anAnsweredCallAnswersThenReportsTheJobThenHangsUpWithARealisticEvent() throws IOException {
		Wire wire = login();
		subscribe(wire, "plain", "CHANNEL_ANSWER BACKGROUND_JOB CHANNEL_HANGUP_COMPLETE");
		wire.send("bgapi originate {origination_uuid=" + U1 + ",origination_caller_id_number=0571000,originate_timeout=60,"
				+ "ignore_early_media=true,execute_on_media='start_da',dialer_call_id=771,note='a b\\,c'}"
				+ "sofia/gateway/gw1/13800000000 102 XML default\nJob-UUID: job-1\n\n");
		wire.expect("Content-Type: command/reply\nReply-Text: +OK Job-UUID: job-1\nJob-UUID: job-1\n\n");

		Event answer = wire.event();
		assertThat(answer.first("Event-Name")).isEqualTo("CHANNEL_ANSWER");
		assertThat(answer.first("Unique-ID")).isEqualTo(U1);
		assertThat(answer.first("Answer-State")).isEqualTo("answered");
		assertThat(answer.first("variable_dialer_call_id")).isEqualTo("771");

		Event job = wire.event();
		assertThat(job.first("Event-Name")).isEqualTo("BACKGROUND_JOB");
		assertThat(job.body()).isEqualTo("+OK " + U1 + "\n");

		Frame frame = wire.frame();
		assertThat(frame.head()).isEqualTo("Content-Length: " + frame.body().length + "\nContent-Type: text/event-plain\n\n");
		Event hangup = Event.of(frame);
		assertThat(hangup.first("Event-Name")).isEqualTo("CHANNEL_HANGUP_COMPLETE");
		assertThat(hangup.all("Hangup-Cause")).containsExactly("NORMAL_CLEARING", "NORMAL_CLEARING");
		assertThat(hangup.first("Unique-ID")).isEqualTo(U1);
		assertThat(hangup.first("Call-Direction")).isEqualTo("outbound");
		assertThat(hangup.first("Caller-Caller-ID-Number")).isEqualTo("0571000");
		assertThat(hangup.first("Caller-Destination-Number")).isEqualTo("13800000000");
		assertThat(hangup.first("variable_execute_on_media")).isEqualTo("start_da");
		assertThat(hangup.first("variable_note")).as("encoded on the wire").isEqualTo("a%20b,c");
		assertThat(hangup.first("variable_origination_uuid")).isNull();
		assertThat(hangup.first("variable_sip_term_status")).isEqualTo("200");
		assertThat(hangup.first("variable_hangup_cause_q850")).isEqualTo("16");
		assertThat(Long.parseLong(hangup.first("variable_answer_epoch"))).isPositive();
		long billmsec = Long.parseLong(hangup.first("variable_billmsec"));
		assertThat(billmsec).isBetween(90L, 5_000L);
		assertThat(hangup.first("variable_billsec")).isEqualTo(Long.toString(billmsec / 1000));
		assertThat(Long.parseLong(hangup.first("variable_duration"))).isGreaterThanOrEqualTo(billmsec / 1000);
		assertThat(hangup.first("Event-Date-Local")).matches("\\d{4}-\\d\\d-\\d\\d%20\\d\\d%3A\\d\\d%3A\\d\\d");
		assertThat(hangup.first("Event-Date-Timestamp")).matches("\\d{16}");
		assertThat(hangup.first("variable_last_bridge_role")).as("an empty value").isEqualTo("_undef_");
		assertThat(hangup.size()).as("headers").isBetween(150, 200);
		assertThat(frame.body().length).as("bytes").isBetween(5_000, 8_000);
		assertThat(frame.text()).as("no body: a blank line ends it").endsWith("\n\n").doesNotContain("\nContent-Length: ");

		wire.send("api uuid_exists " + U1 + "\n\n");
		wire.expect("Content-Type: api/response\nContent-Length: 5\n\nfalse");
	}

	@Test
	void aBusyCallReportsTheJobBeforeTheHangup() throws IOException {
		fs.script(CallScript.busy(30));
		Wire wire = login();
		subscribe(wire, "plain", "CHANNEL_ANSWER BACKGROUND_JOB CHANNEL_HANGUP_COMPLETE");
		originate(wire, U1, "job-1");
		Event job = wire.event();
		assertThat(job.first("Event-Name")).isEqualTo("BACKGROUND_JOB");
		assertThat(job.body()).isEqualTo("-ERR USER_BUSY\n");
		Event hangup = wire.event();
		assertThat(hangup.first("Event-Name")).isEqualTo("CHANNEL_HANGUP_COMPLETE");
		assertThat(hangup.all("Hangup-Cause")).containsExactly("USER_BUSY", "USER_BUSY");
		assertThat(hangup.first("variable_sip_term_status")).isEqualTo("486");
		assertThat(hangup.first("variable_hangup_cause_q850")).isEqualTo("17");
		assertThat(hangup.first("variable_answer_epoch")).isEqualTo("0");
		assertThat(hangup.first("variable_billsec")).isEqualTo("0");
		assertThat(hangup.first("variable_billmsec")).isEqualTo("0");
	}

	@Test
	void aDetectedNumberComesBackEncodedInUtf8() throws IOException {
		fs.script(CallScript.detected("空号", "UNALLOCATED_NUMBER", 20));
		Wire wire = login();
		subscribe(wire, "plain", "CHANNEL_HANGUP_COMPLETE");
		originate(wire, U1, "job-1");
		Event hangup = wire.event();
		assertThat(hangup.first("variable_da_status")).isEqualTo("%E7%A9%BA%E5%8F%B7");
		assertThat(hangup.first("Hangup-Cause")).isEqualTo("UNALLOCATED_NUMBER");
		assertThat(hangup.first("variable_sip_hangup_disposition")).isEqualTo("send_cancel");
	}

	@Test
	void writesJsonEventsOnOneLineUnencodedWithRepeatedKeysAndTheBody() throws IOException {
		fs.script(CallScript.detected("空号", "UNALLOCATED_NUMBER", 20));
		Wire wire = login();
		subscribe(wire, "json", "BACKGROUND_JOB CHANNEL_HANGUP_COMPLETE");
		originate(wire, U1, "job-1");

		Frame job = wire.frame();
		assertThat(job.head()).isEqualTo("Content-Length: " + job.body().length + "\nContent-Type: text/event-json\n\n");
		assertThat(job.text()).startsWith("{\"Event-Name\":\"BACKGROUND_JOB\",")
			.endsWith(",\"Job-UUID\":\"job-1\",\"Job-Command\":\"originate\",\"Job-Command-Arg\":\"{origination_uuid="
					+ U1 + "}sofia/gateway/gw1/13800000000 102 XML default\",\"Content-Length\":\"24\","
					+ "\"_body\":\"-ERR UNALLOCATED_NUMBER\\n\"}");

		Frame hangup = wire.frame();
		assertThat(hangup.head()).isEqualTo("Content-Length: " + hangup.body().length + "\nContent-Type: text/event-json\n\n");
		String json = hangup.text();
		assertThat(json).startsWith("{\"Event-Name\":\"CHANNEL_HANGUP_COMPLETE\",").endsWith("}").doesNotContain("\n");
		assertThat(count(json, "\"Hangup-Cause\":\"UNALLOCATED_NUMBER\"")).isEqualTo(2);
		assertThat(json).contains("\"variable_da_status\":\"空号\"")
			.contains("\"variable_last_bridge_role\":\"\"")
			.containsPattern("\"Event-Date-Local\":\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\"")
			.contains("\"variable_rtp_local_sdp_str\":\"v=0\\r\\no=FreeSWITCH ");
		assertThat(JsonMapper.builder().build().readTree(json).get("Unique-ID").asString()).isEqualTo(U1);
	}

	@Test
	void sendsEachEventToEveryConnectionSubscribedToItAndToNoOther() throws IOException {
		Wire a = login();
		Wire b = login();
		subscribe(a, "plain", "CHANNEL_HANGUP_COMPLETE");
		subscribe(b, "json", "BACKGROUND_JOB CHANNEL_HANGUP_COMPLETE");
		originate(a, U1, "job-1");
		assertThat(b.frame().text()).startsWith("{\"Event-Name\":\"BACKGROUND_JOB\"");
		assertThat(b.frame().text()).startsWith("{\"Event-Name\":\"CHANNEL_HANGUP_COMPLETE\"");
		assertThat(a.event().first("Event-Name")).as("the job came before the hangup: a was not sent it")
			.isEqualTo("CHANNEL_HANGUP_COMPLETE");
	}

	@Test
	void filtersLetThroughOnlyMatchingEvents() throws IOException {
		fs.script(originate -> originate.variable("dialer_call_id").equals("771") ? CallScript.answer(10, 200)
				: CallScript.busy(10));
		Wire wire = login();
		wire.send("filter variable_dialer_call_id 771\n\n");
		wire.expect(reply("+OK filter added. [variable_dialer_call_id]=[771]"));
		subscribe(wire, "plain", "CHANNEL_HANGUP_COMPLETE");
		wire.send("bgapi originate {origination_uuid=" + U1 + ",dialer_call_id=771}sofia/gateway/gw1/1 102 XML default\n\n");
		wire.frame();
		wire.send("bgapi originate {origination_uuid=" + U2 + ",dialer_call_id=772}sofia/gateway/gw1/2 102 XML default\n\n");
		wire.frame();
		assertThat(wire.event().first("Unique-ID")).as("772 ended first, but is filtered out").isEqualTo(U1);
	}

	@Test
	void uuidKillEndsACallWithItsCauseAfterTheResponse() throws IOException {
		fs.script(CallScript.neverEnds());
		Wire wire = login();
		subscribe(wire, "plain", "CHANNEL_ANSWER BACKGROUND_JOB CHANNEL_HANGUP_COMPLETE");
		originate(wire, U1, "job-1");
		assertThat(wire.event().first("Event-Name")).isEqualTo("CHANNEL_ANSWER");
		assertThat(wire.event().body()).isEqualTo("+OK " + U1 + "\n");
		wire.send("api uuid_exists " + U1 + "\n\n");
		wire.expect("Content-Type: api/response\nContent-Length: 4\n\ntrue");
		wire.send("api uuid_kill " + U1 + " ORIGINATOR_CANCEL\n\n");
		wire.expect(apiResponse("+OK\n"));
		Event hangup = wire.event();
		assertThat(hangup.all("Hangup-Cause")).containsExactly("ORIGINATOR_CANCEL", "ORIGINATOR_CANCEL");
		assertThat(hangup.first("variable_sip_hangup_disposition")).isEqualTo("send_bye");
		assertThat(hangup.first("variable_hangup_cause_q850")).as("not a Q.850 cause").isEqualTo("16");
		wire.send("api uuid_exists " + U1 + "\n\n");
		wire.expect("Content-Type: api/response\nContent-Length: 5\n\nfalse");
	}

	@Test
	void killingARingingCallEndsItsJobWithTheCause() throws IOException {
		fs.script(CallScript.ringing());
		Wire wire = login();
		subscribe(wire, "plain", "BACKGROUND_JOB CHANNEL_HANGUP_COMPLETE");
		originate(wire, U1, "job-1");
		await().atMost(Duration.ofSeconds(5)).until(() -> fs.liveChannels().contains(U1));
		wire.send("api uuid_kill " + U1 + "\n\n");
		wire.expect(apiResponse("+OK\n"));
		assertThat(wire.event().body()).isEqualTo("-ERR NORMAL_CLEARING\n");
		Event hangup = wire.event();
		assertThat(hangup.first("Hangup-Cause")).isEqualTo("NORMAL_CLEARING");
		assertThat(hangup.first("variable_sip_term_status")).isEqualTo("487");
	}

	@Test
	void anOriginateOverTheSessionRateOrThroughADownGatewayGetsOnlyItsJob() throws IOException {
		fs.sessionsPerSecond(1).script(originate -> originate.dial().equals("3") ? CallScript.gatewayDown() : CallScript.ringing());
		Wire wire = login();
		subscribe(wire, "plain", "ALL");
		wire.send("bgapi originate {origination_uuid=" + U1 + "}sofia/gateway/gw1/1 102 XML default\nJob-UUID: job-1\n\n");
		wire.frame();
		assertThat(wire.event().first("Event-Name")).isEqualTo("CHANNEL_CREATE");
		wire.send("bgapi originate {origination_uuid=" + U2 + "}sofia/gateway/gw1/2 102 XML default\nJob-UUID: job-2\n\n");
		wire.frame();
		Event throttled = wire.event();
		assertThat(throttled.first("Job-UUID")).isEqualTo("job-2");
		assertThat(throttled.body()).isEqualTo("-ERR DESTINATION_OUT_OF_ORDER\n");
		assertThat(fs.liveChannels()).containsExactly(U1);

		fs.sessionsPerSecond(0);
		wire.send("bgapi originate {origination_uuid=" + U2 + "}sofia/gateway/gw1/3 102 XML default\nJob-UUID: job-3\n\n");
		wire.frame();
		Event down = wire.event();
		assertThat(down.first("Job-UUID")).isEqualTo("job-3");
		assertThat(down.body()).isEqualTo("-ERR GATEWAY_DOWN\n");
		wire.send("api uuid_exists " + U2 + "\n\n");
		wire.expect("Content-Type: api/response\nContent-Length: 5\n\nfalse");
		assertThat(fs.originates()).extracting(FakeFreeSwitch.Originate::dial).containsExactly("1", "2", "3");
	}

	@Test
	void apiOriginateHoldsTheConnectionUntilTheCallIsAnswered() throws IOException {
		fs.script(CallScript.answer(100, 100));
		Wire wire = login();
		wire.send("api originate {origination_uuid=" + U1 + "}sofia/gateway/gw1/1 102 XML default\n\n"
				+ "api uuid_exists " + U1 + "\n\n");
		wire.expect(apiResponse("+OK " + U1 + "\n"));
		wire.expect("Content-Type: api/response\nContent-Length: 4\n\ntrue");
	}

	@Test
	void aStalledSwitchReadsButSaysNothingUntilItResumes() throws IOException {
		Wire wire = login();
		fs.stall(true);
		wire.send("api uuid_exists " + U1 + "\n\n");
		await().atMost(Duration.ofSeconds(5)).until(() -> fs.commands().contains("api uuid_exists " + U1));
		assertThat(wire.silentFor(Duration.ofMillis(300))).isTrue();
		fs.stall(false);
		wire.expect("Content-Type: api/response\nContent-Length: 5\n\nfalse");

		fs.stall(true);
		wire.send("api uuid_exists " + U2 + "\n\n");
		await().atMost(Duration.ofSeconds(5)).until(() -> fs.commands().contains("api uuid_exists " + U2));
		fs.unstall(false);
		wire.send("api status\n\n");
		assertThat(wire.frame().text()).as("the held command was forgotten").startsWith("UP ");
	}

	@Test
	void droppedConnectionsGetNoNoticeAndCallsGoOnWithoutThem() throws IOException {
		fs.script(CallScript.answer(20, 1_500));
		Wire wire = login();
		subscribe(wire, "plain", "CHANNEL_ANSWER");
		originate(wire, U1, "job-1");
		assertThat(wire.event().first("Event-Name")).isEqualTo("CHANNEL_ANSWER");
		fs.dropConnections();
		assertThat(wire.atEndOfStream()).as("closed without a notice").isTrue();
		assertThat(fs.liveChannels()).containsExactly(U1);

		Wire again = login();
		subscribe(again, "plain", "CHANNEL_HANGUP_COMPLETE");
		Event hangup = again.event();
		assertThat(hangup.first("Unique-ID")).isEqualTo(U1);
		assertThat(fs.auths()).isEqualTo(2);
	}

	@Test
	void aRestartKeepsThePortAndLosesEveryChannel() throws IOException {
		fs.script(CallScript.neverEnds());
		Wire wire = login();
		originate(wire, U1, "job-1");
		await().atMost(Duration.ofSeconds(5)).until(() -> fs.liveChannels().contains(U1));
		int port = fs.port();
		String core = fs.coreUuid();

		fs.restart();
		assertThat(wire.atEndOfStream()).isTrue();
		assertThat(fs.port()).isEqualTo(port);
		assertThat(fs.coreUuid()).isNotEqualTo(core);
		Wire again = login();
		again.send("api uuid_exists " + U1 + "\n\n");
		again.expect("Content-Type: api/response\nContent-Length: 5\n\nfalse");

		fs.stop();
		assertThat(fs.isRunning()).isFalse();
		assertThatThrownBy(this::connect).isInstanceOf(IOException.class);
		fs.start();
		login();
	}

	@Test
	void firesHeartbeatsWhenAsked() throws IOException {
		Wire wire = login();
		subscribe(wire, "plain", "HEARTBEAT");
		fs.heartbeat(Duration.ofMillis(100));
		Event heartbeat = wire.event();
		assertThat(heartbeat.first("Event-Name")).isEqualTo("HEARTBEAT");
		assertThat(heartbeat.first("Event-Info")).isEqualTo("System%20Ready");
	}

	@Test
	void firedEventsAreEncodedAsFreeSwitchDoes() throws IOException {
		Wire wire = login();
		subscribe(wire, "plain", "CUSTOM dialer::test");
		fs.fire(fs.newEvent("CUSTOM").add("Event-Subclass", "dialer::test").add("Empty", "").add("Odd", "a:b c%d\n\"ü\"+#&;<=>?@[\\]^`{|}'/,!"));
		Event event = wire.event();
		assertThat(event.first("Empty")).isEqualTo("_undef_");
		assertThat(event.first("Odd")).isEqualTo("a%3Ab%20c%25d%0A%22%C3%BC%22%2B%23%26%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D'/,!");
		assertThat(event.first("Event-Subclass")).isEqualTo("dialer%3A%3Atest");
	}

	@Test
	void parsesTheOriginateVariableBlock() {
		FakeFreeSwitch.Originate originate = FakeFreeSwitch.Originate.parse("{origination_uuid=" + U1
				+ ",origination_caller_id_number=0571,ignore_early_media=true,execute_on_media='start_da',"
				+ "greeting='hello world',list=a\\,b}[leg=1]sofia/gateway/gw-1/13800000000 102 XML default");
		assertThat(originate.uuid()).isEqualTo(U1);
		assertThat(originate.variables()).containsExactly(entry("origination_uuid", U1),
				entry("origination_caller_id_number", "0571"), entry("ignore_early_media", "true"),
				entry("execute_on_media", "start_da"), entry("greeting", "hello world"), entry("list", "a,b"),
				entry("leg", "1"));
		assertThat(originate.gateway()).isEqualTo("gw-1");
		assertThat(originate.dial()).isEqualTo("13800000000");
		assertThat(originate.extension()).isEqualTo("102");
		assertThat(originate.dialplan()).isEqualTo("XML");
		assertThat(originate.context()).isEqualTo("default");

		FakeFreeSwitch.Originate custom = FakeFreeSwitch.Originate.parse("{^^:a=1,2:b=3}sofia/gateway/gw/9 &park()");
		assertThat(custom.variables()).containsExactly(entry("a", "1,2"), entry("b", "3"));
		assertThat(custom.extension()).isEqualTo("&park()");
		assertThat(custom.uuid()).as("made up").hasSize(36);
		assertThatThrownBy(() -> FakeFreeSwitch.Originate.parse("{a=1}")).isInstanceOf(IllegalArgumentException.class);
	}

	// ---- The wire ----

	private static java.util.Map.Entry<String, String> entry(String key, String value) {
		return java.util.Map.entry(key, value);
	}

	private Wire connect() throws IOException {
		Wire wire = new Wire(new Socket(fs.host(), fs.port()));
		wires.add(wire);
		return wire;
	}

	private Wire login() throws IOException {
		Wire wire = connect();
		wire.expect(AUTH_REQUEST);
		wire.send("auth ClueCon\n\n");
		wire.expect(ACCEPTED);
		return wire;
	}

	private static void subscribe(Wire wire, String format, String names) throws IOException {
		wire.send("event " + format + " " + names + "\n\n");
		wire.expect(reply("+OK event listener enabled " + format));
	}

	private static void originate(Wire wire, String uuid, String jobUuid) throws IOException {
		wire.send("bgapi originate {origination_uuid=" + uuid + "}sofia/gateway/gw1/13800000000 102 XML default\nJob-UUID: "
				+ jobUuid + "\n\n");
		wire.expect("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + jobUuid + "\nJob-UUID: " + jobUuid + "\n\n");
	}

	private static String reply(String text) {
		return "Content-Type: command/reply\nReply-Text: " + text + "\n\n";
	}

	private static String apiResponse(String body) {
		return "Content-Type: api/response\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body;
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			count++;
		}
		return count;
	}

	/** A frame as read off the socket: the header block with its blank line, and the body's bytes. */
	private record Frame(String head, byte[] body) {

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

	}

	/** A plain event's lines as written, values left encoded. */
	private record Event(List<String[]> headers, String body) {

		static Event of(Frame frame) {
			assertThat(frame.head()).contains("Content-Type: text/event-plain\n");
			String text = frame.text();
			List<String[]> headers = new ArrayList<>();
			int pos = 0;
			while (true) {
				int eol = text.indexOf('\n', pos);
				assertThat(eol).as("a line end in " + text).isGreaterThanOrEqualTo(0);
				String line = text.substring(pos, eol);
				pos = eol + 1;
				if (line.isEmpty()) {
					break;
				}
				int colon = line.indexOf(": ");
				assertThat(colon).as(line).isPositive();
				headers.add(new String[] { line.substring(0, colon), line.substring(colon + 2) });
			}
			return new Event(headers, text.substring(pos));
		}

		String first(String name) {
			return all(name).stream().findFirst().orElse(null);
		}

		List<String> all(String name) {
			return headers.stream().filter(header -> header[0].equals(name)).map(header -> header[1]).toList();
		}

		int size() {
			return headers.size();
		}

	}

	/** A client socket read byte by byte, every read bounded by SO_TIMEOUT. */
	private static final class Wire implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		Wire(Socket socket) throws IOException {
			this.socket = socket;
			socket.setSoTimeout(5_000);
			this.in = socket.getInputStream();
			this.out = socket.getOutputStream();
		}

		void send(String text) throws IOException {
			out.write(text.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}

		void expect(String exact) throws IOException {
			byte[] expected = exact.getBytes(StandardCharsets.UTF_8);
			assertThat(new String(read(expected.length), StandardCharsets.UTF_8)).isEqualTo(exact);
		}

		Frame frame() throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int previous = -1;
			while (true) {
				int b = in.read();
				if (b < 0) {
					throw new EOFException("connection closed in a header block: " + head);
				}
				head.write(b);
				if (b == '\n' && previous == '\n') {
					break;
				}
				previous = b;
			}
			String text = head.toString(StandardCharsets.UTF_8);
			Matcher length = Pattern.compile("(?m)^Content-Length: (\\d+)$").matcher(text);
			byte[] body = length.find() ? read(Integer.parseInt(length.group(1))) : new byte[0];
			return new Frame(text, body);
		}

		Event event() throws IOException {
			return Event.of(frame());
		}

		/** True if the peer closes the connection (end of stream, or a reset) before sending anything more. */
		boolean atEndOfStream() throws IOException {
			try {
				return in.read() < 0;
			}
			catch (java.net.SocketException ex) {
				return true;
			}
		}

		boolean silentFor(Duration duration) throws IOException {
			socket.setSoTimeout((int) duration.toMillis());
			try {
				in.read();
				return false;
			}
			catch (SocketTimeoutException ex) {
				return true;
			}
			finally {
				socket.setSoTimeout(5_000);
			}
		}

		private byte[] read(int n) throws IOException {
			byte[] bytes = in.readNBytes(n);
			if (bytes.length < n) {
				throw new EOFException("connection closed after " + bytes.length + " of " + n + " bytes: "
						+ new String(bytes, StandardCharsets.UTF_8));
			}
			return bytes;
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}

	}

}
