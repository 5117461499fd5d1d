#include "MailChatFake.h"

#include <QJsonDocument>

namespace sb::test {

MailChatFake::Answer MailChatFake::respond(const Request &request)
{
    QStringList problems;
    Answer answer = handle(request, problems);
    if (!problems.isEmpty()) {
        for (const auto &problem : problems)
            m_violations.append(m_name + QStringLiteral(": ") + problem);
        return answer;
    }
    if (!m_queue.empty()) {
        answer = m_queue.front();
        m_queue.pop_front();
        return answer;
    }
    if (answer.status >= 200 && answer.status < 300)
        m_accepted.append(request);
    return answer;
}

MailChatFake::Answer MailChatFake::json(
    int status, const QJsonObject &body, QList<QPair<QByteArray, QByteArray>> headers)
{
    Answer answer;
    answer.status = status;
    answer.headers = std::move(headers);
    answer.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    answer.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return answer;
}

MailChatFake::Answer MailChatFake::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    Answer answer;
    answer.status = status;
    answer.headers = {{"Content-Type", contentType}};
    answer.body = body;
    return answer;
}

QByteArray MailChatFake::path(const Request &request)
{
    const auto mark = request.target.indexOf('?');
    return mark < 0 ? request.target : request.target.left(mark);
}

QByteArray MailChatFake::query(const Request &request)
{
    const auto mark = request.target.indexOf('?');
    return mark < 0 ? QByteArray() : request.target.mid(mark + 1);
}

bool MailChatFake::isJson(const Request &request)
{
    const auto type = request.header("Content-Type").split(';').first().trimmed().toLower();
    return type == "application/json";
}

} // namespace sb::test
