#pragma once

#include <QJsonArray>
#include <QString>
#include <vector>

namespace sb {

// Every event type named in the seeds and what raises it (DESIGN.md, "Event catalog").
struct EventTypeInfo
{
    QString name;
    QString group; // CRM, Messaging, Calls, ElevenLabs, Campaigns, Communications
    QString description; // what happening raises it
};

class EventCatalog
{
public:
    static const std::vector<EventTypeInfo> &all();
    static bool contains(const QString &name);
    static QJsonArray toJson();
};

} // namespace sb
