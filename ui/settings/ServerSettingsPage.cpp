#include "ServerSettingsPage.h"

#include "NgrokDetector.h"
#include "common/ConsolePreferences.h"
#include "runtime/Runtime.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace sb {

namespace {

QLabel *feedbackLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void showFeedback(QLabel *label, const QString &text, bool error)
{
    label->setStyleSheet(
        error ? QStringLiteral("QLabel { color: #d93f3f; }") : QStringLiteral("QLabel { color: #2ea043; }"));
    label->setText(text);
}

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QString hostPort(const QHostAddress &address, quint16 port)
{
    const auto host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

} // namespace

ServerSettingsPage::ServerSettingsPage(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    m_ngrok = new NgrokDetector(this);
    connect(m_ngrok, &NgrokDetector::found, this, [this](const QString &url) {
        m_detect->setEnabled(true);
        m_publicUrl->setText(url);
        showFeedback(m_publicUrlFeedback, tr("Found the ngrok tunnel %1. Save to use it.").arg(url), false);
    });
    connect(m_ngrok, &NgrokDetector::failed, this, [this](const QString &reason) {
        m_detect->setEnabled(true);
        showFeedback(m_publicUrlFeedback, reason, true);
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildServer());
    layout->addWidget(buildPublicUrl());
    layout->addWidget(buildPolicy());
    layout->addStretch(1);
}

QWidget *ServerSettingsPage::buildServer()
{
    auto *box = new QGroupBox(tr("Listen address"), this);
    m_listen = new QLineEdit(hostPort(m_runtime.http().address(), m_runtime.http().port()), box);
    m_listen->setObjectName(QStringLiteral("settingsListen"));
    m_listen->setPlaceholderText(QStringLiteral("127.0.0.1:8080"));
    auto *apply = new QPushButton(tr("Restart server"), box);
    apply->setObjectName(QStringLiteral("settingsRestart"));
    connect(apply, &QPushButton::clicked, this, &ServerSettingsPage::applyListen);
    connect(m_listen, &QLineEdit::returnPressed, this, &ServerSettingsPage::applyListen);
    m_listenFeedback = feedbackLabel(box, QStringLiteral("settingsListenFeedback"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_listen, 1);
    row->addWidget(apply);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(
        explanation(tr("HOST:PORT the embedded server binds. 127.0.0.1 keeps it on this machine (a tunnel "
                       "such as ngrok reaches it there); 0.0.0.0 opens it to the network. The server "
                       "restarts at once; the database and the delivery queue keep running."),
            box));
    layout->addLayout(row);
    layout->addWidget(m_listenFeedback);
    return box;
}

QWidget *ServerSettingsPage::buildPublicUrl()
{
    auto *box = new QGroupBox(tr("Public URL"), this);
    m_publicUrl = new QLineEdit(m_runtime.options().publicUrl, box);
    m_publicUrl->setObjectName(QStringLiteral("settingsPublicUrl"));
    m_publicUrl->setPlaceholderText(QStringLiteral("https://abc123.ngrok-free.app"));
    m_detect = new QPushButton(tr("Detect ngrok"), box);
    m_detect->setObjectName(QStringLiteral("settingsDetectNgrok"));
    m_detect->setToolTip(tr("Ask the local ngrok agent (http://127.0.0.1:4040) for its https tunnel"));
    connect(m_detect, &QPushButton::clicked, this, &ServerSettingsPage::detectNgrok);
    auto *save = new QPushButton(tr("Save"), box);
    save->setObjectName(QStringLiteral("settingsSavePublicUrl"));
    connect(save, &QPushButton::clicked, this, &ServerSettingsPage::savePublicUrl);
    m_publicUrlFeedback = feedbackLabel(box, QStringLiteral("settingsPublicUrlFeedback"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_publicUrl, 1);
    row->addWidget(m_detect);
    row->addWidget(save);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(
        explanation(tr("The address providers call. Signatures (Twilio, SignalWire) are computed over it, "
                       "so it must match what you paste into the provider's console exactly. While it is "
                       "set, the local tunnel agent is a trusted proxy: its X-Forwarded-For names the "
                       "client for the rate limit."),
            box));
    layout->addLayout(row);
    layout->addWidget(m_publicUrlFeedback);
    m_trustedProxies = new QLabel(trustedProxiesText(), box);
    m_trustedProxies->setObjectName(QStringLiteral("settingsTrustedProxies"));
    m_trustedProxies->setWordWrap(true);
    m_trustedProxies->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_trustedProxies);
    return box;
}

QWidget *ServerSettingsPage::buildPolicy()
{
    auto *box = new QGroupBox(tr("Outbound URL policy"), this);
    m_policy = new QComboBox(box);
    m_policy->setObjectName(QStringLiteral("settingsUrlPolicy"));
    m_policy->addItem(tr("dev — any http(s) target, including localhost"), QStringLiteral("dev"));
    m_policy->addItem(tr("strict — https only, no private or loopback addresses"), QStringLiteral("strict"));
    const auto stored = ConsolePreferences::urlPolicy();
    const auto current = m_runtime.dispatcher().policy().name();
    m_policy->setCurrentIndex(std::max(0, m_policy->findData(stored.isEmpty() ? current : stored)));
    m_policyFeedback = feedbackLabel(box, QStringLiteral("settingsPolicyFeedback"));
    m_policyFeedback->setText(tr("In effect now: %1").arg(current));
    connect(m_policy, &QComboBox::currentIndexChanged, this, [this, current] {
        const auto chosen = m_policy->currentData().toString();
        ConsolePreferences::setUrlPolicy(chosen);
        if (chosen == current)
            showFeedback(m_policyFeedback, tr("In effect now: %1").arg(current), false);
        else
            showFeedback(m_policyFeedback,
                tr("Saved. Switchboard uses “%1” after a restart (now: %2).").arg(chosen, current), false);
    });
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(
        explanation(tr("Which webhook targets the dispatcher may call. Strict refuses targets that resolve "
                       "to private networks (SSRF protection) — use it on shared servers."),
            box));
    layout->addWidget(m_policy);
    layout->addWidget(m_policyFeedback);
    return box;
}

QString ServerSettingsPage::trustedProxiesText() const
{
    const auto &options = m_runtime.options();
    if (options.trustedProxies) {
        return options.trustedProxies->trimmed().isEmpty()
            ? tr("Trusted proxies: none (set with --trusted-proxy).")
            : tr("Trusted proxies: %1 (set with --trusted-proxy).").arg(*options.trustedProxies);
    }
    if (!options.publicUrl.isEmpty())
        return tr("Trusted proxies: %1, the local tunnel agent, because a public URL is set.")
            .arg(RuntimeOptions::loopbackProxies());
    return tr("Trusted proxies: none. X-Forwarded-For does not name the client until a public URL or "
              "--trusted-proxy is set; a local tunnel's forwarded scheme and host still decide the URL "
              "signatures are checked against.");
}

bool ServerSettingsPage::restart(const QString &listen, const QString &publicUrl, QLabel *feedback)
{
    QHostAddress address;
    quint16 port = 0;
    QString error;
    if (!RuntimeOptions::parseListen(listen.trimmed(), &address, &port, &error)) {
        showFeedback(feedback, tr("Not a listen address: %1").arg(error), true);
        return false;
    }
    if (!m_runtime.restartServer(address, port, publicUrl, &error)) {
        showFeedback(feedback,
            tr("The server could not listen there (%1); it still listens on %2.")
                .arg(error, m_runtime.listenUrl()),
            true);
        return false;
    }
    ConsolePreferences::setListen(hostPort(address, port));
    ConsolePreferences::setPublicUrl(publicUrl);
    m_listen->setText(hostPort(m_runtime.http().address(), m_runtime.http().port()));
    m_trustedProxies->setText(trustedProxiesText());
    Q_EMIT serverChanged();
    return true;
}

bool ServerSettingsPage::applyListen()
{
    if (!restart(m_listen->text(), m_runtime.options().publicUrl, m_listenFeedback))
        return false;
    showFeedback(m_listenFeedback, tr("Listening on %1").arg(m_runtime.listenUrl()), false);
    return true;
}

bool ServerSettingsPage::savePublicUrl()
{
    const auto text = m_publicUrl->text().trimmed();
    const QUrl url(text);
    if (!text.isEmpty()
        && (!url.isValid()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
            || url.host().isEmpty())) {
        showFeedback(m_publicUrlFeedback, tr("Enter a full URL such as https://abc123.ngrok-free.app"), true);
        return false;
    }
    auto normalized = text;
    while (normalized.endsWith(QLatin1Char('/')))
        normalized.chop(1);
    const auto listen = hostPort(m_runtime.http().address(), m_runtime.http().port());
    if (!restart(listen, normalized, m_publicUrlFeedback))
        return false;
    m_publicUrl->setText(normalized);
    showFeedback(m_publicUrlFeedback,
        normalized.isEmpty() ? tr("Saved: no public URL.")
                             : tr("Saved. Providers reach Switchboard at %1").arg(normalized),
        false);
    return true;
}

void ServerSettingsPage::detectNgrok()
{
    m_detect->setEnabled(false);
    m_publicUrlFeedback->setStyleSheet(QString());
    m_publicUrlFeedback->setText(tr("Asking the ngrok agent…"));
    m_ngrok->detect(m_runtime.http().port());
}

} // namespace sb
