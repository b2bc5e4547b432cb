// Entry point: global theme tokens, then the root element (index.html already holds its tag).
import './styles/global.css';
import './majordome-app.js';
