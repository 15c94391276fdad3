package atelier.chat;

import atelier.app.HttpVerticle;
import atelier.http.Routes;

/** Discussions as a feature module: its REST routes; its frames are registered at construction. */
public final class ChatModule implements HttpVerticle.RouteModule {
  private final ChatRoutes routes;

  public ChatModule(ChatService chat, atelier.realtime.RateLimits limits, atelier.realtime.FrameRegistry frames) {
    this.routes = new ChatRoutes(chat, limits);
    new ChatFrames(chat).register(frames);
    frames.typingPlaces(chat::openChannel);
  }

  @Override
  public void mount(Routes r) {
    routes.mount(r);
  }
}
