package io.switchboard.gateway.ws;

import io.switchboard.gateway.ws.messaging.EventFeed;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the WebSocket event feed follows its topics (or is turned off). */
@Readiness
@ApplicationScoped
public class EventFeedReadiness implements HealthCheck {

  private final EventFeed feed;

  public EventFeedReadiness(EventFeed feed) {
    this.feed = feed;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("WebSocket events").status(feed.live()).build();
  }
}
