#pragma once

#include "domain/Lead.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

namespace sb {

// The words the leads views show for seed 002's enum values (stored untranslated).
struct LeadLabels
{
    Q_DECLARE_TR_FUNCTIONS(sb::LeadLabels)
public:
    static QString status(LeadStatus status);
    // A stored name; status history also holds the lifecycle steps (discarded, converted).
    static QString status(const QString &status);
    static QString priority(LeadPriority priority);
    static QString priority(const QString &priority);
    static QString source(const QString &source);
    static QString lifecycle(LeadLifecycle lifecycle);
    static QString memoType(const QString &type);
    static QString activityType(const QString &type);
    static QColor statusColor(LeadStatus status);
};

} // namespace sb
