#include "MailgunRoutes.h"

#include "http/MultipartParser.h"
#include "security/MailgunSignature.h"
#include "server/RouteTable.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <memory>

namespace sb {

namespace {

const QString base = QStringLiteral("/api/webhooks/mailgun");
const ProviderAuth mailgunAuth {
    QStringLiteral("mailgun"), SignatureScheme::Mailgun, {QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY")}};

// "Jane Doe <jane@example.com>" -> {address, display name}.
QPair<QString, QString> splitAddress(const QString &text)
{
    const auto open = text.lastIndexOf(QLatin1Char('<'));
    const auto close = text.lastIndexOf(QLatin1Char('>'));
    if (open >= 0 && close > open) {
        auto name = text.left(open).trimmed();
        if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
            name = name.mid(1, name.size() - 2);
        return {text.mid(open + 1, close - open - 1).trimmed(), name};
    }
    return {text.trimmed(), {}};
}

// The Message-Id of a forwarded mail: its own field, else from the message-headers JSON list.
QString messageIdOf(const FormFields &form)
{
    for (const auto name : {u"Message-Id", u"message-id", u"Message-ID"}) {
        if (form.contains(name))
            return form.value(name).trimmed();
    }
    const auto headers = QJsonDocument::fromJson(form.value(u"message-headers").toUtf8()).array();
    for (const auto &header : headers) {
        const auto pair = header.toArray();
        if (pair.size() == 2
            && pair.at(0).toString().compare(QLatin1String("Message-Id"), Qt::CaseInsensitive) == 0)
            return pair.at(1).toString().trimmed();
    }
    return {};
}

// Mailgun's advice against replayed signatures (its signature does not cover the body): refuse a
// token already seen with another body. The same body again is the same request (a provider retry
// or a replay from the console) and goes on to deduplication. Tokens are kept twice as long as a
// timestamp passes the check.
std::optional<ApiError> claimToken(
    SqlContext &context, const QString &token, const QByteArray &body, qint64 receivedAtMs)
{
    if (token.isEmpty()) // accepted unverified (--accept-unverified mailgun): nothing was signed
        return std::nullopt;
    const auto hash = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
    context.write(QStringLiteral("DELETE FROM mailgun_tokens WHERE seen_at < ?"),
        {context.nowMs() - 2 * MailgunSignature::defaultToleranceSeconds * 1000});
    auto &seen
        = context.run(QStringLiteral("SELECT body_sha256 FROM mailgun_tokens WHERE token = ?"), {token});
    if (seen.next()) {
        const bool sameRequest = seen.value(0).toByteArray() == hash;
        seen.finish();
        if (sameRequest)
            return std::nullopt;
        return ApiError {ErrorKind::Unauthorized,
            QStringLiteral("Invalid signature: Mailgun token %1 was already used by another request")
                .arg(token),
            {}};
    }
    seen.finish();
    context.write(QStringLiteral("INSERT INTO mailgun_tokens(token, body_sha256, seen_at) VALUES(?, ?, ?)"),
        {token, hash, receivedAtMs});
    return std::nullopt;
}

Ingest inboundIngest(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    const auto early = mailgunAuth.precheck(request, dependencies);
    if (early && !early->accepted())
        return verifiedIngest(QStringLiteral("mailgun"), *early);
    // Routes post a form (urlencoded, or multipart with attachments), parsed once: the signature
    // fields checked and the mail fields applied come from the same parse.
    auto parsed = parseCallbackForm(request, true);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return refusedUnverified(QStringLiteral("mailgun"), SignatureScheme::Mailgun, *error);
    const auto callback = std::get<CallbackForm>(std::move(parsed));
    const auto &form = callback.fields;
    auto ingest = verifiedIngest(
        QStringLiteral("mailgun"), early ? *early : mailgunAuth.verify(request, dependencies, form));
    ingest.source = QStringLiteral("mailgun");
    ingest.eventType = QStringLiteral("email.received");
    if (ingest.rejection)
        return ingest;
    QJsonArray attachments;
    // Attachment bytes are not kept (they stay in the stored raw request); their metadata is.
    for (const auto &file : callback.files) {
        attachments.append(
            QJsonObject {{QStringLiteral("field"), file.name}, {QStringLiteral("filename"), file.filename},
                {QStringLiteral("contentType"), QString::fromLatin1(file.contentType)},
                {QStringLiteral("size"), qint64(file.body.size())}});
    }
    const auto sender
        = splitAddress(form.value(u"from").isEmpty() ? form.value(u"sender") : form.value(u"from"));
    const auto address
        = form.value(u"sender").isEmpty() ? sender.first : splitAddress(form.value(u"sender")).first;
    if (address.isEmpty() || !address.contains(QLatin1Char('@'))) {
        ingest.rejection
            = ApiError {ErrorKind::BadRequest, QStringLiteral("missing form field sender (or from)"), {}};
        return ingest;
    }
    const auto messageId = messageIdOf(form);
    ingest.dedupKey = messageId.isEmpty() ? QString() : QStringLiteral("mailgun:inbound:") + messageId;

    NewMessage message;
    message.channel = Channel::Email;
    message.direction = Direction::Inbound;
    message.provider = QStringLiteral("mailgun");
    message.providerMessageId = messageId;
    message.from = address;
    message.to = form.value(u"recipient");
    message.subject = form.value(u"subject");
    // stripped-text: the reply without quoted text and signature (Mailgun's parsed-message fields).
    message.body = form.contains(u"stripped-text") ? form.value(u"stripped-text") : form.value(u"body-plain");
    message.status = MessageStatus::Received;
    message.attachments = attachments;
    message.recordId = request.recordId;
    // The headers auto-responses look at (RFC 3834 Auto-Submitted, Precedence), lower-case names.
    QJsonObject ruleHeaders;
    for (const auto &header : QJsonDocument::fromJson(form.value(u"message-headers").toUtf8()).array()) {
        const auto pair = header.toArray();
        const auto name = pair.at(0).toString().toLower();
        if (pair.size() == 2
            && (name == QLatin1String("auto-submitted") || name == QLatin1String("precedence")))
            ruleHeaders.insert(name, pair.at(1).toString());
    }
    if (!ruleHeaders.isEmpty())
        message.metadata.insert(QStringLiteral("headers"), ruleHeaders);
    ingest.admit = [token = form.value(u"token"), body = request.body, receivedAtMs = request.receivedAtMs](
                       SqlContext &context) { return claimToken(context, token, body, receivedAtMs); };
    ingest.answerDuplicatesWith(providerOk());
    ingest.apply = [message, name = sender.second](SqlContext &context) mutable -> ApiResult {
        const auto lead = LeadDirectory::forEmail(
            context, message.from, name, QStringLiteral("mailgun"), message.recordId);
        message.leadId = lead.id;
        const auto stored = MessagingRepository::addMessage(context, message);
        return providerOk(QStringLiteral("Webhook received and processed"),
            {{QStringLiteral("leadId"), lead.id}, {QStringLiteral("leadCreated"), lead.created},
                {QStringLiteral("messageId"), stored.value(QStringLiteral("id"))}});
    };
    return ingest;
}

// Mailgun event -> message status (forward-only in MessagingRepository); empty: an event only.
std::optional<MessageStatus> statusForEvent(const QString &event, const QString &severity)
{
    if (event == QLatin1String("accepted"))
        return MessageStatus::Queued;
    if (event == QLatin1String("delivered"))
        return MessageStatus::Delivered;
    // A temporary failure is retried by Mailgun; only a permanent one (or a legacy "bounced") fails it.
    if ((event == QLatin1String("failed") && severity != QLatin1String("temporary"))
        || event == QLatin1String("bounced") || event == QLatin1String("rejected"))
        return MessageStatus::Failed;
    return std::nullopt;
}

Ingest eventsIngest(const ApiRequest &request, const ProviderDependencies &dependencies)
{
    const auto early = mailgunAuth.precheck(request, dependencies);
    if (early && !early->accepted())
        return verifiedIngest(QStringLiteral("mailgun"), *early);
    // Event webhooks are JSON, parsed once: the "signature" object checked and the "event-data"
    // applied come from the same document.
    const auto refused = [](const ApiError &error) {
        return refusedUnverified(QStringLiteral("mailgun"), SignatureScheme::Mailgun, error);
    };
    if (auto unsupported = JsonBody::requireJsonContentType(
            request, QStringLiteral("Mailgun event webhooks are application/json")))
        return refused(*unsupported);
    auto parsed = JsonBody::object(request.body);
    if (auto *malformed = std::get_if<ApiError>(&parsed))
        return refused(*malformed);
    const auto body = std::get<QJsonObject>(std::move(parsed));
    QString error;
    const auto signature = jsonObjectFields(body.value(QStringLiteral("signature")).toObject());
    if (!signature)
        return refused(ApiError {ErrorKind::PayloadTooLarge, FormParser::tooManyFieldsMessage(), {}});
    auto ingest = verifiedIngest(
        QStringLiteral("mailgun"), early ? *early : mailgunAuth.verify(request, dependencies, *signature));
    ingest.source = QStringLiteral("mailgun");
    if (ingest.rejection)
        return ingest;
    const auto data = body.value(QStringLiteral("event-data")).toObject();
    if (data.isEmpty())
        error = QStringLiteral("event-data is required");
    const auto event = data.value(QStringLiteral("event")).toString();
    if (error.isEmpty() && event.isEmpty())
        error = QStringLiteral("event-data.event is required");
    if (!error.isEmpty()) {
        ingest.rejection = ApiError {ErrorKind::BadRequest, error, {}};
        return ingest;
    }
    ingest.eventType = QStringLiteral("email.") + event;
    const auto id = data.value(QStringLiteral("id")).toString();
    ingest.dedupKey = id.isEmpty() ? QString() : QStringLiteral("mailgun:event:") + id;
    const auto headers
        = data.value(QStringLiteral("message")).toObject().value(QStringLiteral("headers")).toObject();
    const auto recipient = data.value(QStringLiteral("recipient")).toString();
    auto messageId = headers.value(QStringLiteral("message-id")).toString();
    // Mailgun reports the id without angle brackets; inbound Message-Id headers carry them.
    if (!messageId.isEmpty() && !messageId.startsWith(QLatin1Char('<')))
        messageId = QLatin1Char('<') + messageId + QLatin1Char('>');

    MessageStatusUpdate update;
    update.provider = QStringLiteral("mailgun");
    update.providerMessageId = messageId;
    update.event = event;
    update.status = statusForEvent(event, data.value(QStringLiteral("severity")).toString());
    const auto delivery = data.value(QStringLiteral("delivery-status")).toObject();
    if (update.status == MessageStatus::Failed) {
        const auto code = delivery.value(QStringLiteral("code"));
        update.errorCode = code.isDouble() ? QString::number(code.toInt()) : code.toString();
        update.errorMessage = delivery.value(QStringLiteral("description")).toString();
        if (update.errorMessage.isEmpty())
            update.errorMessage = delivery.value(QStringLiteral("message")).toString();
        if (update.errorMessage.isEmpty())
            update.errorMessage = data.value(QStringLiteral("reason")).toString();
    }
    update.detail = data;
    update.recordId = request.recordId;
    const auto variables = data.value(QStringLiteral("user-variables")).toObject();
    ingest.admit
        = [token = signature->value(u"token"), raw = request.body, receivedAtMs = request.receivedAtMs](
              SqlContext &context) { return claimToken(context, token, raw, receivedAtMs); };
    ingest.answerDuplicatesWith(providerOk());
    ingest.apply = [update, recipient, subject = headers.value(QStringLiteral("subject")).toString(),
                       from = headers.value(QStringLiteral("from")).toString(), event,
                       variables](SqlContext &context) mutable -> ApiResult {
        const auto address = splitAddress(recipient).first;
        update.recipient = address;
        std::optional<LeadMatch> lead;
        if (!address.isEmpty())
            lead = LeadDirectory::forEmail(context, address, {}, QStringLiteral("mailgun"), update.recordId);
        if (lead && !update.providerMessageId.isEmpty()) {
            NewMessage message;
            message.leadId = lead->id;
            message.channel = Channel::Email;
            message.direction = Direction::Outbound;
            message.provider = QStringLiteral("mailgun");
            message.providerMessageId = update.providerMessageId;
            message.from = from;
            message.to = address;
            message.subject = subject;
            message.recordId = update.recordId;
            message.metadata = variables;
            update.ifUnknown = message;
        }
        if (!update.providerMessageId.isEmpty())
            MessagingRepository::updateMessageStatus(context, update);
        if (lead && (event == QLatin1String("unsubscribed") || event == QLatin1String("complained")))
            LeadDirectory::markDoNotContact(
                context, lead->id, QStringLiteral("email ") + event, update.recordId);
        return providerOk();
    };
    return ingest;
}

} // namespace

void registerMailgunRoutes(Router &router, ProviderDependencies dependencies)
{
    auto shared = std::make_shared<ProviderDependencies>(std::move(dependencies));
    routes::addWebhook(router, base + QStringLiteral("/inbound"), ApiFamily::Provider,
        QStringLiteral("mailgun.inbound"), false,
        [shared](const ApiRequest &request) { return inboundIngest(request, *shared); });
    routes::addWebhook(router, base + QStringLiteral("/events"), ApiFamily::Provider,
        QStringLiteral("mailgun.events"), false,
        [shared](const ApiRequest &request) { return eventsIngest(request, *shared); });
}

} // namespace sb
