package io.switchboard.auth.link;

import static io.switchboard.auth.link.ChannelLinks.codeFor;
import static io.switchboard.auth.link.ChannelLinks.me;
import static io.switchboard.auth.link.ChannelLinks.newChannelUserId;
import static io.switchboard.auth.link.ChannelLinks.redeem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.auth.account.Accounts;
import io.switchboard.auth.jwks.service.SigningKeys;
import io.switchboard.testing.SwitchboardTestResource;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/auth/link}: redeeming codes, once, by one account per channel identity. */
@QuarkusTest
@WithTestResource(
    value = SwitchboardTestResource.class,
    initArgs = @ResourceArg(name = "testKeys", value = "false"))
class ChannelLinkTest {

  @Inject SigningKeys keys;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void shouldLinkTheChannelAndListItOnMe() {
    String user = Accounts.tokenOfNewAccount();
    String channelUserId = newChannelUserId();
    String code = codeFor(keys, channelUserId, "Ada Lovelace");

    redeem(user, code)
        .statusCode(200)
        .body("channel.channelType", equalTo("telegram"))
        .body("channel.channelUserId", equalTo(channelUserId))
        .body("channel.channelUserName", equalTo("Ada Lovelace"))
        .body("channel.linkedAt", notNullValue());

    me(user)
        .body("linkedChannels", hasSize(1))
        .body("linkedChannels[0].channelType", equalTo("telegram"))
        .body("linkedChannels[0].channelUserId", equalTo(channelUserId))
        .body("linkedChannels[0].channelUserName", equalTo("Ada Lovelace"))
        .body("linkedChannels[0].linkedAt", notNullValue());
  }

  @Test
  void shouldRefuseACodeUsedBefore() {
    String user = Accounts.tokenOfNewAccount();
    String code = codeFor(keys, newChannelUserId(), null);
    redeem(user, code).statusCode(200);

    redeem(Accounts.tokenOfNewAccount(), code)
        .statusCode(404)
        .body("code", equalTo("invalid_link_code"));
  }

  @Test
  void shouldAcceptACodeTypedInLowerCaseWithSpacesAround() {
    String code = codeFor(keys, newChannelUserId(), null);

    redeem(Accounts.tokenOfNewAccount(), "  " + code.toLowerCase() + " ").statusCode(200);
  }

  @Test
  void shouldLetExactlyOneOfTwoConcurrentRedemptionsWin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        String code = codeFor(keys, newChannelUserId(), null);
        List<String> users = List.of(Accounts.tokenOfNewAccount(), Accounts.tokenOfNewAccount());
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String user : users) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return redeem(user, code).extract().statusCode();
                  }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
          statuses.add(answer.get());
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 404);
        int first = me(users.get(0)).extract().path("linkedChannels.size()");
        int second = me(users.get(1)).extract().path("linkedChannels.size()");
        assertThat(first + second).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRefuseAnIdentityLinkedToAnotherAccountAndUseUpTheCode() {
    String alice = Accounts.tokenOfNewAccount();
    String bob = Accounts.tokenOfNewAccount();
    String channelUserId = newChannelUserId();
    redeem(alice, codeFor(keys, channelUserId, null)).statusCode(200);
    String second = codeFor(keys, channelUserId, null);

    redeem(bob, second).statusCode(409).body("code", equalTo("channel_already_linked"));

    redeem(bob, second).statusCode(404).body("code", equalTo("invalid_link_code"));
    me(bob).body("linkedChannels", emptyIterable());
    me(alice).body("linkedChannels.channelUserId", org.hamcrest.Matchers.contains(channelUserId));
  }

  @Test
  void shouldAnswerTheSameWhenTheAccountLinksItsOwnIdentityAgain() {
    String user = Accounts.tokenOfNewAccount();
    String channelUserId = newChannelUserId();
    String linkedAt =
        redeem(user, codeFor(keys, channelUserId, "old name"))
            .statusCode(200)
            .extract()
            .path("channel.linkedAt");

    redeem(user, codeFor(keys, channelUserId, "new name"))
        .statusCode(200)
        .body("channel.channelUserId", equalTo(channelUserId))
        .body("channel.channelUserName", equalTo("new name"))
        .body("channel.linkedAt", equalTo(linkedAt));
    me(user).body("linkedChannels", hasSize(1));
  }
}
