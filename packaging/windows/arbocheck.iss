; Inno Setup script for arbocheck on Windows.
; Build the one-folder program first (python packaging\build.py), then:  iscc packaging\windows\arbocheck.iss
; Installs per user (no administrator rights needed), with a start-menu entry in Dutch and English.

#define AppVersion "0.1.0"

[Setup]
AppId={{6B1F3C1E-8B7A-4C55-9A52-3E0C0A9D1F42}
AppName=arbocheck
AppVersion={#AppVersion}
AppPublisher=arbocheck
DefaultDirName={localappdata}\Programs\arbocheck
DefaultGroupName=arbocheck
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=arbocheck-{#AppVersion}-setup
SetupIconFile=..\..\assets\icons\arbocheck.ico
UninstallDisplayIcon={app}\arbocheck.exe
LicenseFile=..\..\LICENSE
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\arbocheck\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\arbocheck"; Filename: "{app}\arbocheck.exe"; Parameters: "gui"
Name: "{userdesktop}\arbocheck"; Filename: "{app}\arbocheck.exe"; Parameters: "gui"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\arbocheck.exe"; Parameters: "gui"; Description: "{cm:LaunchProgram,arbocheck}"; Flags: nowait postinstall skipifsilent
