#pragma once

#include "MailChatFake.h"
#include "http/MultipartParser.h"

namespace sb::test {

// Twilio SendGrid v3 Mail Send (POST /v3/mail/send), as documented in the Mail Send reference and
// its errors page: Bearer API key, JSON body, personalizations[].to[].email, from.email, subject,
// content[] (text/plain first, each type once, values non-empty), custom_args values strings.
// 202 with X-Message-Id and no body; errors 400/401 {"errors":[{"message","field","help"}]}.
class FakeSendGrid : public MailChatFake
{
public:
    explicit FakeSendGrid(QString apiKey = QStringLiteral("SG.test-key"));
    QString apiKey() const { return m_apiKey; }
    // 429 as SendGrid sends it: errors list plus X-RateLimit-* headers (and Retry-After when given).
    void rateLimitNext(int retryAfterSeconds);
    QStringList messageIds() const { return m_ids; }

protected:
    Answer handle(const Request &request, QStringList &problems) override;

private:
    QString m_apiKey;
    QStringList m_ids;
};

// Mailgun Messages API (POST /v3/{domain}/messages): Basic api:KEY, multipart/form-data with from,
// to, subject and one of text/html/amp-html/template; o:/h:/v:/t: options (16 KB in all), h: names
// RFC 5322 field names. 200 {"id":"<...>","message":"Queued. Thank you."}; 401 "Forbidden";
// 400 {"message": ...}; 404 for a domain not on the account.
class FakeMailgun : public MailChatFake
{
public:
    explicit FakeMailgun(
        QString apiKey = QStringLiteral("key-test"), QString domain = QStringLiteral("mg.example.com"));
    QString apiKey() const { return m_apiKey; }
    QString domain() const { return m_domain; }
    // The form fields of a request (name → value, repeated names kept in order).
    static QList<QPair<QString, QString>> fields(const Request &request);
    static QString field(const Request &request, const QString &name);
    QStringList messageIds() const { return m_ids; }

protected:
    Answer handle(const Request &request, QStringList &problems) override;

private:
    QString m_apiKey;
    QString m_domain;
    QStringList m_ids;
};

} // namespace sb::test
