; Inno Setup 6 script: a per-user installer (no administrator rights) for the one-folder
; build of packaging\windows\softdiag.spec.
;   iscc /DAppVersion=0.1.0 packaging\windows\softdiag.iss
; Output: dist\softdiag-<version>-windows-x64-setup.exe
; Start-menu entry, an uninstaller (Settings > Apps), and the .softdiag-check file
; association for guided-check profiles (HKCU only, so no elevation is ever needed).

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z softdiag.iss
#endif

[Setup]
AppId={{6C1B0C5E-2F3B-4D0B-9C59-5F1D2E7A9B10}
AppName=softdiag
AppVersion={#AppVersion}
AppVerName=softdiag {#AppVersion}
AppPublisher=The softdiag authors
DefaultDirName={localappdata}\Programs\softdiag
DefaultGroupName=softdiag
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=softdiag-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupIconFile=softdiag.ico
UninstallDisplayIcon={app}\softdiag.exe
ChangesAssociations=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\softdiag\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\softdiag"; Filename: "{app}\softdiag.exe"
Name: "{group}\{cm:UninstallProgram,softdiag}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\softdiag"; Filename: "{app}\softdiag.exe"; Tasks: desktopicon

[Registry]
; .softdiag-check profiles open in softdiag (per user: HKCU\Software\Classes).
Root: HKCU; Subkey: "Software\Classes\.softdiag-check"; ValueType: string; ValueName: ""; ValueData: "softdiag.CheckProfile"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\softdiag.CheckProfile"; ValueType: string; ValueName: ""; ValueData: "softdiag check profile"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\softdiag.CheckProfile\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\softdiag.exe,0"
Root: HKCU; Subkey: "Software\Classes\softdiag.CheckProfile\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\softdiag.exe"" gui --profile ""%1"""

[Run]
Filename: "{app}\softdiag.exe"; Description: "{cm:LaunchProgram,softdiag}"; Flags: nowait postinstall skipifsilent
