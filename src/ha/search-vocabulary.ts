/**
 * Everyday words people use for HA domains and device classes ("lamp" → light, "blinds" → cover,
 * "charging" → battery_charging). English first, with common French words; matched after folding
 * and stemming, so list singular forms.
 */

/** Words naming each domain; the domain's own name (split on "_") is always included. */
export const DOMAIN_WORDS: Readonly<Record<string, readonly string[]>> = {
  light: ['light', 'lamp', 'lighting', 'bulb', 'lumiere', 'lampe', 'eclairage', 'illuminate'],
  switch: ['switch', 'plug', 'outlet', 'socket', 'interrupteur', 'prise'],
  cover: ['cover', 'blind', 'shade', 'shutter', 'curtain', 'awning', 'garage', 'gate', 'window', 'open', 'close', 'closed', 'volet', 'store', 'rideau', 'portail'],
  lock: ['lock', 'unlock', 'locked', 'unlocked', 'deadbolt', 'serrure', 'verrou'],
  climate: ['climate', 'thermostat', 'heating', 'heater', 'heat', 'cooling', 'temperature', 'temp', 'hvac', 'ac', 'aircon', 'chauffage', 'clim', 'climatisation'],
  media_player: ['media', 'player', 'tv', 'television', 'speaker', 'music', 'song', 'track', 'album', 'playlist', 'podcast', 'radio', 'volume', 'enceinte', 'tele', 'musique', 'chanson'],
  fan: ['fan', 'ventilator', 'ventilateur'],
  vacuum: ['vacuum', 'robot', 'hoover', 'clean', 'cleaning', 'mop', 'aspirateur', 'aspirer'],
  humidifier: ['humidifier', 'dehumidifier', 'humidificateur'],
  water_heater: ['boiler', 'heater', 'chauffe', 'eau'],
  valve: ['valve', 'tap', 'faucet', 'open', 'close', 'irrigation', 'sprinkler', 'water', 'vanne', 'robinet', 'arrosage'],
  sensor: ['sensor', 'capteur', 'sonde'],
  binary_sensor: ['sensor', 'detector', 'capteur', 'detecteur'],
  scene: ['scene', 'mode', 'ambiance'],
  script: ['script', 'routine'],
  automation: ['automation', 'automatisation'],
  weather: ['weather', 'forecast', 'meteo', 'prevision'],
  person: ['person', 'who', 'personne'],
  device_tracker: ['tracker', 'location'],
  todo: ['todo', 'list', 'shopping', 'task', 'liste', 'course'],
  calendar: ['calendar', 'agenda', 'event', 'appointment', 'calendrier'],
  camera: ['camera', 'cam'],
  alarm_control_panel: ['alarm', 'security', 'alarme'],
  siren: ['siren', 'sirene'],
  input_boolean: ['toggle', 'boolean'],
  button: ['button', 'bouton'],
  number: ['number', 'setting'],
  select: ['select', 'option'],
  update: ['update', 'firmware'],
  timer: ['timer', 'minuteur'],
};

/** Words naming each device class (sensor, binary_sensor, cover, …). */
export const DEVICE_CLASS_WORDS: Readonly<Record<string, readonly string[]>> = {
  battery: ['battery', 'batterie', 'charge'],
  battery_charging: ['charging', 'charge', 'charger'],
  carbon_monoxide: ['co', 'carbon', 'monoxide'],
  carbon_dioxide: ['co2', 'carbon', 'dioxide'],
  cold: ['cold', 'freezing', 'froid'],
  connectivity: ['connected', 'connection', 'connectivity', 'online', 'offline', 'disconnected'],
  door: ['door', 'porte'],
  garage_door: ['garage', 'door'],
  gas: ['gas', 'gaz'],
  heat: ['heat', 'hot', 'overheating', 'chaud'],
  light: ['light', 'daylight', 'dark'],
  lock: ['lock', 'locked', 'unlocked'],
  moisture: ['moisture', 'wet', 'leak', 'flood', 'flooded', 'water', 'dry', 'fuite', 'humidite'],
  motion: ['motion', 'movement', 'moving', 'mouvement'],
  moving: ['moving', 'movement'],
  occupancy: ['occupancy', 'occupied', 'presence', 'someone', 'anyone'],
  opening: ['opening', 'open', 'opened', 'closed', 'shut', 'ouvert', 'ferme'],
  plug: ['plug', 'plugged', 'unplugged'],
  power: ['power', 'powered', 'electricity', 'puissance'],
  presence: ['presence', 'home', 'away', 'gone', 'present', 'maison'],
  problem: ['problem', 'issue', 'fault', 'error', 'probleme'],
  running: ['running', 'working'],
  safety: ['safety', 'safe', 'unsafe'],
  smoke: ['smoke', 'fire', 'fumee', 'incendie'],
  sound: ['sound', 'noise', 'loud', 'bruit'],
  tamper: ['tamper', 'tampering', 'tampered'],
  update: ['update', 'updated', 'outdated', 'date'],
  vibration: ['vibration', 'vibrating', 'vibrate'],
  window: ['window', 'fenetre'],
  aqi: ['aqi', 'air', 'quality', 'pollution'],
  atmospheric_pressure: ['pressure', 'barometer', 'barometric', 'air'],
  humidity: ['humidity', 'humid', 'humidite'],
  illuminance: ['illuminance', 'brightness', 'lux', 'luminosite'],
  temperature: ['temperature', 'temp', 'hot', 'cold', 'warm', 'degree'],
  energy: ['energy', 'consumption', 'kwh', 'energie'],
  precipitation: ['rain', 'rainfall', 'precipitation', 'pluie'],
  precipitation_intensity: ['rain', 'rainfall', 'intensity'],
  wind_speed: ['wind', 'vent'],
  pm25: ['pm2', 'particulate', 'particle'],
  pm10: ['pm10', 'particulate', 'particle'],
  volatile_organic_compounds: ['voc', 'organic', 'compound'],
  volatile_organic_compounds_parts: ['voc', 'organic', 'compound'],
  signal_strength: ['signal', 'rssi', 'wifi'],
  data_rate: ['download', 'upload', 'speed', 'bandwidth'],
  duration: ['duration', 'time', 'long'],
  distance: ['distance', 'mileage'],
  weight: ['weight', 'poid'],
  monetary: ['cost', 'price', 'prix'],
  blind: ['blind', 'store'],
  curtain: ['curtain', 'drape', 'rideau'],
  shade: ['shade'],
  shutter: ['shutter', 'volet'],
  awning: ['awning'],
  gate: ['gate', 'portail'],
  tv: ['tv', 'television', 'tele'],
  speaker: ['speaker', 'enceinte'],
  outlet: ['outlet', 'socket', 'plug', 'prise'],
};

/** Vocabulary for one domain: its listed words plus the parts of its own name. */
export function domainWords(domain: string): readonly string[] {
  return [...domain.split('_'), ...(DOMAIN_WORDS[domain] ?? [])];
}

/** Vocabulary for one device class: its listed words plus the parts of its own name. */
export function deviceClassWords(deviceClass: string): readonly string[] {
  return [...deviceClass.split('_'), ...(DEVICE_CLASS_WORDS[deviceClass] ?? [])];
}

/**
 * Maps a loose domain word the model may pass as a filter ("lights", "blinds") to HA domains.
 * Returns the input itself when it already is a domain name.
 */
export function resolveDomainFilter(word: string, known: ReadonlySet<string>): string[] {
  const folded = word.trim().toLowerCase();
  if (known.has(folded)) return [folded];
  const stem = folded.endsWith('s') ? folded.slice(0, -1) : folded;
  if (known.has(stem)) return [stem];
  return Object.entries(DOMAIN_WORDS)
    .filter(([domain, words]) => known.has(domain) && words.includes(stem))
    .map(([domain]) => domain);
}
