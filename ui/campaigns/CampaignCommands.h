#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <functional>

namespace sb {

class Runtime;

// What a campaign route answered: the JSON body on success, the route's own error message otherwise
// (the same text the API's 400/404/409 carries).
struct CampaignAnswer
{
    int status = 0;
    QJsonObject json;
    QString error; // empty on success
    bool conflict = false; // the 409 of an illegal transition (e.g. raced by another client)

    bool ok() const { return error.isEmpty(); }
};

// The console's campaign changes and reads go through the handlers of the campaign API routes
// (channels/CampaignApiRoutes) found in the runtime's router: the same validation, state rules and
// messages as POST/PUT /api/campaigns and /api/campaigns/{id}/execute|pause|resume|cancel. Commands
// run on the writer, queries on the reader; `done` is called in `context`'s thread.
namespace CampaignCommands {

void call(Runtime &runtime, QObject *context, const QByteArray &method, const QString &path,
    const QJsonObject &body, std::function<void(const CampaignAnswer &)> done);

void create(Runtime &runtime, QObject *context, const QJsonObject &fields,
    std::function<void(const CampaignAnswer &)> done);
void update(Runtime &runtime, QObject *context, qint64 id, const QJsonObject &fields,
    std::function<void(const CampaignAnswer &)> done);
void remove(Runtime &runtime, QObject *context, qint64 id, std::function<void(const CampaignAnswer &)> done);
// `action`: execute, pause, resume or cancel.
void act(Runtime &runtime, QObject *context, qint64 id, const QString &action,
    std::function<void(const CampaignAnswer &)> done);

} // namespace CampaignCommands

} // namespace sb
