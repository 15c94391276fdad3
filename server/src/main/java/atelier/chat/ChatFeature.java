package atelier.chat;

import atelier.http.Routes;
import atelier.platform.Feature;
import atelier.platform.Platform;

/**
 * Discussions on the platform: REST routes, WebSocket frames, the {@code typing} signal, the
 * {@code message} rate budget and the chat event kinds ({@code channel.*} changes what the send
 * path caches; messages and reactions do not).
 */
public final class ChatFeature implements Feature {
  public static final String MESSAGE_BUDGET = "message";

  private final ChatService chat;
  private final int messagesPerSecond;
  private final long typingIntervalMs;
  private ChatRoutes routes;

  public ChatFeature(ChatService chat, int messagesPerSecond, long typingIntervalMs) {
    this.chat = chat;
    this.messagesPerSecond = messagesPerSecond;
    this.typingIntervalMs = typingIntervalMs;
  }

  @Override
  public void register(Platform platform) {
    platform.budget(MESSAGE_BUDGET, messagesPerSecond);
    platform.eventKinds(false, "message.*", "reaction.*");
    platform.eventKinds(true, "channel.*");
    new ChatFrames(chat).register(platform, typingIntervalMs);
    this.routes = new ChatRoutes(chat, platform.budgets());
  }

  @Override
  public void mount(Routes r) {
    routes.mount(r);
  }

}
