#pragma once

#include "WebhookReceiver.h"

#include <QJsonObject>
#include <QStringList>
#include <deque>

namespace sb::test {

// The common part of the email, push and chat fakes: a loopback receiver whose responder checks
// each request against the provider's documented format (handle()), records every failed check in
// violations(), and answers like the provider. Good requests are answered with success unless an
// answer was queued with answerNext() (rate limits, outages).
class MailChatFake
{
public:
    using Request = WebhookReceiver::Received;
    using Answer = WebhookReceiver::Answer;

    explicit MailChatFake(QString providerName)
        : m_name(std::move(providerName))
    {
        m_receiver.setResponder([this](const Request &request) { return respond(request); });
    }
    virtual ~MailChatFake() = default;
    MailChatFake(const MailChatFake &) = delete;
    MailChatFake &operator=(const MailChatFake &) = delete;

    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_receiver.port()); }
    const QStringList &violations() const { return m_violations; }
    // Requests that passed every check and were answered with success.
    const QList<Request> &accepted() const { return m_accepted; }
    const QList<Request> &received() const { return m_receiver.received(); }
    // The next good request gets `answer` instead of success (in queue order).
    void answerNext(const Answer &answer) { m_queue.push_back(answer); }
    void clearViolations() { m_violations.clear(); }

protected:
    // Checks `request`; appends each failed check to `problems` and returns the provider's answer
    // (its error answer when something failed, else its success answer).
    virtual Answer handle(const Request &request, QStringList &problems) = 0;

    static Answer json(
        int status, const QJsonObject &body, QList<QPair<QByteArray, QByteArray>> headers = {});
    static Answer text(int status, const QByteArray &body, const QByteArray &contentType = "text/plain");
    static QByteArray path(const Request &request); // the target without its query
    static QByteArray query(const Request &request); // the query without '?'
    static bool isJson(const Request &request);

private:
    Answer respond(const Request &request);

    QString m_name;
    WebhookReceiver m_receiver;
    QStringList m_violations;
    QList<Request> m_accepted;
    std::deque<Answer> m_queue;
};

} // namespace sb::test
