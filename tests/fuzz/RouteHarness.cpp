#include "RouteHarness.h"

#include "inbound/campaign/CampaignRoutes.h"
#include "inbound/crm/CrmRoutes.h"
#include "inbound/elevenlabs/ElevenLabsRoutes.h"
#include "inbound/mailgun/MailgunRoutes.h"
#include "inbound/signalwire/SignalWireRoutes.h"
#include "inbound/twilio/TwilioRoutes.h"
#include "storage/Database.h"

#include <QCoreApplication>

namespace sb::fuzz {

namespace {

QCoreApplication &application()
{
    static int argc = 1;
    static char name[] = "switchboard-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return app;
}

} // namespace

RouteHarness::RouteHarness(const QString &prefix)
{
    application();
    m_secrets.setAcceptUnverified({QStringLiteral("crm"), QStringLiteral("twilio"), QStringLiteral("mailgun"),
        QStringLiteral("signalwire"), QStringLiteral("elevenlabs"), QStringLiteral("campaign")});
    registerCrmRoutes(m_router, CrmDependencies {m_secrets, QStringLiteral("US")});
    const ProviderDependencies providers {
        m_secrets, [] { return QStringLiteral("https://example.ngrok.app"); }, QStringLiteral("US")};
    registerTwilioRoutes(m_router, providers);
    registerMailgunRoutes(m_router, providers);
    registerSignalWireRoutes(m_router, providers);
    registerElevenLabsRoutes(m_router, providers);
    registerCampaignRoutes(m_router, providers);
    for (const auto &route : m_router.routes()) {
        if (route.kind == RouteKind::Webhook && route.method == "POST" && route.pattern.startsWith(prefix))
            m_routes.push_back(&route);
    }
    SB_FUZZ_ASSERT(!m_routes.empty());

    auto db = Database::open(QStringLiteral("fuzz"), DatabaseOptions {QStringLiteral(":memory:")});
    Database::migrate(db, m_clock.nowMs());
    m_context = std::make_unique<SqlContext>(db, m_clock);
}

RouteHarness::~RouteHarness() = default;

ApiResult RouteHarness::apply(const Route &route, ApiRequest request, bool keep)
{
    request.method = "POST";
    request.rawTarget = request.path.toUtf8();
    request.peer = QHostAddress::LocalHost;
    request.clientIp = QStringLiteral("127.0.0.1");
    request.recordId = QStringLiteral("evt_fuzz%1").arg(++m_sequence);
    request.receivedAtMs = m_clock.nowMs();
    const auto ingest = route.webhook(request);
    if (ingest.rejection) {
        SB_FUZZ_ASSERT(ingest.rejection->status >= 400 && ingest.rejection->status <= 599);
        return *ingest.rejection;
    }
    SB_FUZZ_ASSERT(ingest.apply);
    auto &context = *m_context;
    context.exec("SAVEPOINT fuzz");
    ApiResult result;
    try {
        // The pipeline's steps but deduplication: no request is recorded here, so none repeats.
        std::optional<ApiError> refused = ingest.admit ? ingest.admit(context) : std::nullopt;
        result = refused ? ApiResult(*refused) : ingest.apply(context);
    } catch (const SqlError &error) {
        // The pipeline would answer 500: a payload the handler let through but the database refused.
        fprintf(stderr, "SQL error from %s: %s\n", qPrintable(route.pattern), error.what());
        abort();
    }
    if (!keep || isError(result))
        context.exec("ROLLBACK TO fuzz");
    context.exec("RELEASE fuzz");
    context.takeEvents();
    context.takeDuplicate();
    context.takeDeliveriesQueued();
    if (isError(result)) {
        const auto status = std::get<ApiError>(result).status;
        SB_FUZZ_ASSERT(status >= 400 && status <= 499);
    }
    return result;
}

ApiResult RouteHarness::commit(const QString &path, const QByteArray &contentType, const QByteArray &body)
{
    ApiRequest request;
    request.path = path;
    request.headers = {{"Content-Type", contentType}};
    request.body = body;
    const auto match = m_router.match("POST", path);
    SB_FUZZ_ASSERT(match.outcome == RouteMatch::Outcome::Found);
    request.pathArgs = match.args;
    return apply(*match.route, std::move(request), true);
}

void RouteHarness::createLeads(const QByteArray &leadBody, int count)
{
    for (int i = 0; i < count; ++i) {
        SB_FUZZ_ASSERT(!isError(
            commit(QStringLiteral("/api/v1/webhooks/incoming/lead/create"), "application/json", leadBody)));
    }
}

void RouteHarness::run(const uint8_t *data, size_t size)
{
    auto input = FuzzInput::parse(data, size);
    ApiRequest request;
    request.path = QString::fromUtf8(input.firstLine);
    request.headers = std::move(input.headers);
    request.body = std::move(input.body);
    const auto match = m_router.match("POST", request.path);
    const Route *route = nullptr;
    if (match.outcome == RouteMatch::Outcome::Found
        && std::find(m_routes.begin(), m_routes.end(), match.route) != m_routes.end()) {
        route = match.route;
        request.pathArgs = match.args;
    } else {
        route = m_routes[size_t(input.firstLine.size()) % m_routes.size()];
        request.path = route->pattern;
        request.pathArgs = {QStringLiteral("1")};
    }
    (void)apply(*route, std::move(request), false);
}

} // namespace sb::fuzz
