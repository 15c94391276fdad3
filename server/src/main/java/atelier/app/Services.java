package atelier.app;

import atelier.auth.AuthService;
import atelier.auth.LoginThrottle;
import atelier.cluster.SharedWindows;
import atelier.auth.PasswordHasher;
import atelier.auth.SessionRepository;
import atelier.auth.UserRepository;
import atelier.auth.UserViews;
import atelier.chat.ChannelRepository;
import atelier.chat.ChatService;
import atelier.chat.MessageRepository;
import atelier.chat.ReadMarkerRepository;
import atelier.events.EventLog;
import atelier.files.FilesService;
import atelier.files.GridFsBlobStore;
import atelier.org.OrganisationRepository;
import atelier.org.OrganisationService;
import atelier.platform.Budgets;
import atelier.platform.Platform;
import atelier.space.JoinRequestRepository;
import atelier.space.MembershipRepository;
import atelier.space.SpaceRepository;
import atelier.space.SpaceService;
import atelier.space.SpaceViews;
import atelier.theme.ThemeService;
import atelier.notify.NotificationRepository;
import atelier.notify.NotificationService;
import atelier.theme.ThemeRepository;
import atelier.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/** The wiring of one node: repositories, services and views, built once and shared by the verticles. */
public final class Services {
  public final Vertx vertx;
  public final AtelierConfig config;
  /** The node's clock for date-driven work (mandates); a controllable one in tests. */
  public final java.time.Clock clock;
  public final Store store;
  public final UserRepository users;
  public final SessionRepository sessions;
  public final OrganisationRepository organisations;
  public final SpaceRepository spaces;
  private final ThemeRepository themeRepository;
  public final MembershipRepository memberships;
  public final JoinRequestRepository joinRequests;
  public final ChannelRepository channels;
  public final MessageRepository messages;
  public final ReadMarkerRepository readMarkers;
  public final EventLog eventLog;
  /** What features register with, and how services reach sockets (signals, streams). */
  public final Platform platform;
  public final AuthService auth;
  public final UserViews userViews;
  public final OrganisationService organisationService;
  public final atelier.space.SpaceCache spaceCache;
  public final SpaceService spaceService;
  public final SpaceViews spaceViews;
  public final ThemeService themes;
  private final NotificationRepository notificationRepository;
  public final NotificationService notifications;
  public final ChatService chat;
  public final FilesService files;
  public final atelier.board.Boards boards;
  /** What each feature puts in a space's archive (atelier.bag); features add theirs here. */
  public final atelier.bag.ArchiveParts archiveParts = new atelier.bag.ArchiveParts();
  public final atelier.docs.DocumentsFeature documents;

  public Services(Vertx vertx, AtelierConfig config, Store store, java.time.Clock clock) {
    this.clock = clock;
    this.vertx = vertx;
    this.config = config;
    this.platform = new Platform(vertx);
    platform.budget(Budgets.FOLLOW, config.limits().subscribesPerSecond());
    this.store = store;
    this.users = new UserRepository(store);
    this.sessions = new SessionRepository(store);
    this.organisations = new OrganisationRepository(store);
    this.spaces = new SpaceRepository(store);
    this.memberships = new MembershipRepository(store);
    this.joinRequests = new JoinRequestRepository(store);
    this.channels = new ChannelRepository(store);
    this.messages = new MessageRepository(store);
    this.eventLog = new EventLog(vertx, store, Duration.ofMillis(config.limits().gapTimeoutMs()));
    this.readMarkers = new ReadMarkerRepository(store, eventLog);
    this.auth = new AuthService(vertx, users, sessions, new PasswordHasher(config.hashIterations()),
        new LoginThrottle(SharedWindows.of(vertx), config.loginMaxFailures(), config.loginWindowSeconds()), Duration.ofHours(config.sessionTtlHours()));
    this.userViews = new UserViews(organisations);
    this.organisationService = new OrganisationService(organisations, users);
    this.spaceCache = new atelier.space.SpaceCache(platform.eventKinds()::changesAccess);
    eventLog.onCommitted(e -> spaceCache.onEvent(e.space(), e.kind()));
    this.spaceService = new SpaceService(spaces, memberships, joinRequests, users, eventLog, spaceCache,
        new atelier.space.MandateCalendar(clock, config.lifecycle().timeZone()));
    spaceService.onCreated(s -> channels.createGeneral(s.id()));
    this.spaceViews = new SpaceViews(spaceService, memberships, users, organisations);
    this.themeRepository = new ThemeRepository(store);
    this.themes = new ThemeService(themeRepository, spaces);
    this.notificationRepository = new NotificationRepository(store);
    this.notifications = new NotificationService(notificationRepository, spaces, memberships, messages, users, platform.signals());
    eventLog.onCommitted(notifications::onEvent);
    spaceService.onJoinRequested(notifications::joinRequested);
    spaceService.onJoinDecided(notifications::joinDecided);
    spaceService.onProposed(notifications::proposed);
    this.files = new FilesService(vertx, store, new GridFsBlobStore(vertx, store, Duration.ofSeconds(config.files().orphanAfterSeconds())), spaceService, eventLog, config.limits().fileBytes());
    this.chat = new ChatService(vertx, spaceService, memberships, channels, messages, readMarkers, eventLog, platform.signals(),
        config.limits().messageLength(), spaceCache, files::requireFiles);
    this.boards = new atelier.board.Boards(store, spaceService, spaces, memberships, messages, eventLog, notifications);
    archiveParts.add(new atelier.chat.ChatArchivePart(channels, messages));
    archiveParts.add(files.archivePart());
    archiveParts.add(new atelier.events.EventsArchivePart(eventLog));
    this.documents = atelier.docs.DocumentsFeature.create(vertx, store, spaceService, eventLog, platform, config.limits().documentBytes());
    archiveParts.add(documents.archivePart());
    archiveParts.add(boards.archivePart());
  }

  /** Indexes are created at every start; creating an existing index is a no-op. */
  public Future<Void> createIndexes() {
    return users.createIndexes()
        .compose(v -> sessions.createIndexes())
        .compose(v -> organisations.createIndexes())
        .compose(v -> spaces.createIndexes())
        .compose(v -> memberships.createIndexes())
        .compose(v -> joinRequests.createIndexes())
        .compose(v -> channels.createIndexes())
        .compose(v -> messages.createIndexes())
        .compose(v -> readMarkers.createIndexes())
        .compose(v -> eventLog.createIndexes())
        .compose(v -> themeRepository.createIndexes())
        .compose(v -> themes.seed())
        .compose(v -> notificationRepository.createIndexes())
        .compose(v -> files.createIndexes())
        .compose(v -> documents.createIndexes())

        .compose(v -> boards.createIndexes());
  }
}
